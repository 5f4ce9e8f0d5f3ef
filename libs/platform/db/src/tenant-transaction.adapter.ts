import { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import { ClsServiceManager } from 'nestjs-cls';
import type { PrismaClient } from './generated/prisma/client';
import { TENANT_CONTEXT, TenantContext, tenantSettings } from './tenant-context';

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
 * The @nestjs-cls/transactional Prisma adapter, plus one thing: every transaction it opens starts by writing
 * the current request's TenantContext with set_config(..., true). The settings are transaction-local, so a
 * pooled connection never carries them into the next request.
 */
export class TenantTransactionAdapter extends TransactionalAdapterPrisma<PrismaClient> {
  constructor(prismaInjectionToken: unknown) {
    super({ prismaInjectionToken, defaultTxOptions: { timeout: 15_000, maxWait: 5_000 } });
    const base = this.optionsFactory;
    this.optionsFactory = (prisma: PrismaClient) => ({
      ...base(prisma),
      wrapWithTransaction: async (options: unknown, fn: () => Promise<unknown>, setClient: (client?: TxClient) => void) =>
        prisma.$transaction(async (tx) => {
          const ctx = ClsServiceManager.getClsService().get<TenantContext | undefined>(TENANT_CONTEXT);
          await applyTenantContext(tx, ctx);
          setClient(tx);
          return fn();
        }, options as Parameters<PrismaClient['$transaction']>[1]),
    });
  }
}
