// Linted as: libs/platform/audit/src/lint-fixture.ts
// Expect: @nx/enforce-module-boundaries
// The platform (scope:platform) is the shared kernel: it must never depend on a bounded context.
import { ClModule } from '@cairn/cl';

export const imported = [ClModule];
