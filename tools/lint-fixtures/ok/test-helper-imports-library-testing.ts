// Linted as: apps/api/test/support/lint-fixture.ts
// Test helpers beside an app's tests may use a library's testing entry and the workspace test support.
import { createMessagingTestDb } from '@cairn/platform/messaging/testing';
import { uniqueDatabaseName } from '@cairn/testing';

export const imported = [createMessagingTestDb, uniqueDatabaseName];
