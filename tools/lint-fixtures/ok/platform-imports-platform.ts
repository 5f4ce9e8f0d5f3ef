// Linted as: libs/platform/db/src/lint-fixture.ts
// Platform libraries may depend on one another (here: infra on util).
import { AppConfig } from '@cairn/platform/config';

export const imported = [AppConfig];
