// Linted as: libs/pm/src/appointments/domain/lint-fixture.rules.ts
// A domain rule file takes its errors and helpers from the kernel.
import { ConflictError, isoDate } from '@cairn/platform/kernel';

export const imported = [ConflictError, isoDate];
