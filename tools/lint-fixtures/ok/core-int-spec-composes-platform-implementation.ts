// Linted as: libs/pm/src/processors/lint-fixture.int-spec.ts
// An integration test composes a Nest module the way an app does, so it may import a platform implementation
// that answers the contract queries its subject sends (the scope rules still apply: never another context).
import { ReferenceDataModule } from '@cairn/platform/reference-data';

export const imported = [ReferenceDataModule];
