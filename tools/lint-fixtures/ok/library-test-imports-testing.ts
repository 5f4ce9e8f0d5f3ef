// Linted as: libs/platform/messaging/test/lint-fixture.int-spec.ts
// A library's tests live in its test/ folder and import its code relatively, the workspace test support as
// @cairn/testing (a tools/ module by relative path would be an "External resource" to the boundary rule).
import { createScratchDatabase, freePort } from '@cairn/testing';

import { buildEvent } from '../src';

export const imported = [createScratchDatabase, freePort, buildEvent];
