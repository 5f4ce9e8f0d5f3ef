import type { TransactionHost } from '@nestjs-cls/transactional';
import type { TenantContext, TenantTx } from '@cairn/platform/db';
import type { Principal } from '@cairn/platform/tenancy';
import type { AuditScope } from './audit-scope';

/** The Prisma transaction client of the tenant transaction. */
export type UseCaseTx = TransactionHost<TenantTx>['tx'];

/** What the pipeline hands a handler with its message. */
export interface UseCase {
  /** The tenant context of the call (throws when a use case declared `tenant: 'optional'` runs without one). */
  readonly ctx: TenantContext;
  /** The tenant context, or undefined (for `tenant: 'optional'`). */
  readonly tenant: TenantContext | undefined;
  /**
   * The signed-in principal of an HTTP request (its grants across organizations), or undefined in a consumer's
   * context. Read it only for facts of the request the tenant context does not carry (the organization's slug).
   */
  readonly principal: Principal | undefined;
  /** The tenant transaction (throws for `transaction: 'audit-only'`: use `inTransaction`). */
  readonly tx: UseCaseTx;
  /** The facts of the call's one audit row. */
  readonly audit: AuditScope;
  /** Runs `fn` in the tenant transaction (joins the current one when there is one). */
  inTransaction<T>(fn: (tx: UseCaseTx) => Promise<T>): Promise<T>;
}

/**
 * The shape of a handler declared with @TenantUseCase: the buses call `execute(message)`, the pipeline adds `uc`.
 */
export interface TenantUseCaseHandler<M, R> {
  execute(message: M, uc: UseCase): Promise<R>;
}
