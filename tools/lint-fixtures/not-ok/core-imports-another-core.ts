// Linted as: libs/cl/src/patients/lint-fixture.ts
// Expect: @nx/enforce-module-boundaries
// A core library (scope:cl) must not import another context's core library; cross-context work goes through
// platform contracts on the CQRS buses or integration events (ARCHITECTURE §3).
import { PmModule } from '@cairn/pm';

export const imported = [PmModule];
