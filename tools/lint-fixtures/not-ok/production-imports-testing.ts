// Linted as: libs/platform/messaging/src/relay/lint-fixture.ts
// Expect: no-restricted-imports
// Test support (scratch databases, the demo data, free ports) is for tests: production code never imports it.
import { createScratchDatabase } from '@cairn/testing';

export const imported = [createScratchDatabase];
