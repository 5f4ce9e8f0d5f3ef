export { pgErrorOf, prismaCodeOf } from './pg-error';
export type { PgError } from './pg-error';
export { PrismaService } from './prisma.service';
export { clsMiddleware, DbModule, PrismaModule } from './db.module';
export { CLS_REQUEST_ID, TENANT_CONTEXT, tenantSettings } from './tenant-context';
export type { TenantContext } from './tenant-context';
export { TenantTransactionAdapter, applyTenantContext, withTenant } from './tenant-transaction.adapter';
export { createTenantPool, queryAsTenant, tenantSettingsSql } from './tenant-pool';
export { Prisma, PrismaClient } from './generated/prisma/client';
export type {
  Appointment, AuditEvent, BillingCode, CareTeamAssignment, Charge, Chart, Encounter, FeeScheduleEntry, Group, GroupAttendance, GroupSession,
  JurisdictionProfile, Organization, OrganizationCode, Part2Consent, Patient, PeerEncounter, PeerEncounterAddendum, PeerEncounterType, PeerServiceType, PeerSettings, ProgressNote, ProgressNoteAddendum, RefreshToken, RoleBinding,
  ServiceType, Site, StaffUser,
} from './generated/prisma/client';
import type { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { PrismaClient as GeneratedClient } from './generated/prisma/client';
/** The adapter type to give TransactionHost: `TransactionHost<TenantTx>`. */
export type TenantTx = TransactionalAdapterPrisma<GeneratedClient>;
