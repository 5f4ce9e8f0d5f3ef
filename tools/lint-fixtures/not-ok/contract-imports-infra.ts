// Linted as: libs/platform/code-library/src/lint-fixture.ts
// Expect: @nx/enforce-module-boundaries
// A contract (type:contract) is what other contexts depend on: it must not pull in the database layer.
import { PrismaService } from '@cairn/platform/db';

export const imported = [PrismaService];
