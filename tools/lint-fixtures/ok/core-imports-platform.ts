// Linted as: libs/cl/src/patients/lint-fixture.ts
// A core library may use the platform through its entry points.
import { PrismaService } from '@cairn/platform/db';
import { RequirePermission } from '@cairn/platform/tenancy';

export const imported = [PrismaService, RequirePermission];
