// Linted as: libs/cl/src/patients/lint-fixture.ts
// Expect: @nx/enforce-module-boundaries
// Reaching into another library's src/ by a relative path bypasses its public API (its index.ts).
import { PrismaService } from '../../../platform/db/src/prisma.service';

export const imported = [PrismaService];
