// Linted as: libs/hr/src/provider-productivity/lint-fixture.ts
// Expect: @nx/enforce-module-boundaries
// A core library must not depend on a platform implementation (a type:core library of the platform, such as
// reference-data): it sends the contract's queries on the bus (@cairn/platform/jurisdiction, code-library) and
// an app composes the implementation (ARCHITECTURE §3, architecture review 2026-12 §7.3).
import { ReferenceDataModule } from '@cairn/platform/reference-data';

export const imported = [ReferenceDataModule];
