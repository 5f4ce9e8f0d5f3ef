import type { TenantContext, TenantTxClient } from '@cairn/platform/db';
import type { Principal } from '@cairn/platform/tenancy';

import type { AuditScope } from './audit-scope';

/** The Prisma transaction client of the tenant transaction: every model (platform use cases only). */
export type UseCaseTx = TenantTxClient;

/**
 * What the pipeline hands a handler with its message. A context's handlers take it with their context's
 * transaction type (`UseCase<ClTx>`, aliased `ClUseCase`): the pipeline opens the one tenant transaction, and
 * the type lets the handler see only the models its context owns (`ContextTx` in platform/db).
 */
export interface UseCase<Tx = UseCaseTx> {
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
  readonly tx: Tx;
  /** The facts of the call's one audit row. */
  readonly audit: AuditScope;
  /** Runs `fn` in the tenant transaction (joins the current one when there is one). */
  inTransaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

/**
 * The shape of a handler declared with @TenantUseCase: the buses call `execute(message)`, the pipeline adds `uc`.
 */
export interface TenantUseCaseHandler<M, R, Tx = UseCaseTx> {
  execute(message: M, uc: UseCase<Tx>): Promise<R>;
}
