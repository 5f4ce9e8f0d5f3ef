// Linted as: apps/api/src/lint-fixture.ts
// Expect: no-restricted-imports
// A deep import through the path alias also bypasses the library's public API (caught by no-restricted-imports).
import { PrismaService } from '@cairn/platform/db/src/prisma.service';

export const imported = [PrismaService];
