// Linted as: libs/cl/src/lint-fixture.ts
// Inside its own library, code imports its own files by relative path.
import { ClModule } from './cl.module';

export const imported = [ClModule];
