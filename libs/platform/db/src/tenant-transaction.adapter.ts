import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';

import type { PrismaClient } from './generated/prisma/client';
import { TenantContext, tenantSettings } from './tenant-context';

type TxClient = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/** Sets the transaction-local tenant settings as the first statement of a transaction. */
export async function applyTenantContext(tx: Pick<TxClient, '$executeRaw'>, ctx: TenantContext | undefined): Promise<void> {
  const [org, user, sites, scope] = tenantSettings(ctx);
  await tx.$executeRaw`SELECT set_config('app.org_id', ${org}, true), set_config('app.user_id', ${user}, true),
    set_config('app.site_ids', ${sites}, true), set_config('app.patient_scope', ${scope}, true)`;
}

/**
 * Runs fn in one transaction whose tenant settings are those of ctx. For code outside a request (the worker,
 * tools, tests); request code uses TransactionHost.withTransaction, which does the same from the CLS context.
 */
export async function withTenant<T>(prisma: PrismaClient, ctx: TenantContext, fn: (tx: TxClient) => Promise<T>): Promise<T> {
  return prisma.$transaction(async (tx) => {
    await applyTenantContext(tx, ctx);
    return fn(tx);
  });
}

/**
 * The @nestjs-cls/transactional Prisma adapter. Every transaction it opens starts with the current request's
 * TenantContext written by set_config(..., true): PrismaService's pool (createTenantPool) sends it together
 * with the BEGIN, in the same round trip. The settings are transaction-local, so a pooled connection never
 * carries them into the next request.
 */
export class TenantTransactionAdapter extends TransactionalAdapterPrisma<PrismaClient> {
  constructor(prismaInjectionToken: unknown) {
    super({ prismaInjectionToken });
  }
}
