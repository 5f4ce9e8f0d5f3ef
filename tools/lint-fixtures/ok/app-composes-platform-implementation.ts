// Linted as: apps/worker/src/lint-fixture.ts
// Apps compose the platform's implementation libraries (type:core) beside the bounded contexts.
import { ReferenceDataModule } from '@cairn/platform/reference-data';

export const imported = [ReferenceDataModule];
