// Linted as: libs/cl/src/progress-notes/domain/lint-fixture.rules.ts
// Expect: no-restricted-imports
// Domain rule files throw kernel errors; reaching into the HTTP library would tie the rules to a transport.
import { ConflictError } from '@cairn/platform/http';

export const imported = [ConflictError];
