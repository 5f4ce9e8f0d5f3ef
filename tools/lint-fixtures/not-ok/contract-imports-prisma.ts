// Linted as: libs/platform/jurisdiction/src/lint-fixture.ts
// Expect: @nx/enforce-module-boundaries
// Contracts import no Prisma, pg, Redis or Nest runtime code (ARCHITECTURE §2), even from node_modules.
import { PrismaPg } from '@prisma/adapter-pg';

export const imported = [PrismaPg];
