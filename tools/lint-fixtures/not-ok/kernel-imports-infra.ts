// Linted as: libs/platform/kernel/src/lint-fixture.ts
// Expect: @nx/enforce-module-boundaries
// The kernel (type:util) is what every layer may use, so it may itself use nothing but other util libraries.
import { PrismaService } from '@cairn/platform/db';

export const imported = [PrismaService];
