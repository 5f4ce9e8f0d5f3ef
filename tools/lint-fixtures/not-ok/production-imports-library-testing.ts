// Linted as: libs/pm/src/charges/lint-fixture.ts
// Expect: no-restricted-imports
// A library's testing entry (the messaging probe consumer and worker scenarios) is for tests only.
import { ProbeConsumerModule } from '@cairn/platform/messaging/testing';

export const imported = [ProbeConsumerModule];
