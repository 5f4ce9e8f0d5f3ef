import type { TransactionHost } from '@nestjs-cls/transactional';
import type { TransactionalAdapterPrisma } from '@nestjs-cls/transactional-adapter-prisma';
import type { Types } from '@prisma/client/runtime/client';

import type { Prisma, PrismaClient } from './generated/prisma/client';

/** The adapter type to give TransactionHost: `TransactionHost<TenantTx>`. */
export type TenantTx = TransactionalAdapterPrisma<PrismaClient>;

/** The whole tenant transaction client: every model of every context. Only platform plumbing holds it. */
export type TenantTxClient = TransactionHost<TenantTx>['tx'];

/** A model's delegate name on the client (`patient`, `part2Consent`, `charge`). */
export type ModelName = Uncapitalize<Prisma.ModelName>;

/** The raw-SQL members a context transaction keeps (tagged templates only: their parameters are bound). */
export type RawSqlMember = '$queryRaw' | '$executeRaw';

/** What a context may do with another owner's (the platform's) model: read it, never write it. */
export type ReadMethod = 'findUnique' | 'findUniqueOrThrow' | 'findFirst' | 'findFirstOrThrow' | 'findMany' | 'count';

/**
 * A tenant transaction that exposes only the models a context owns (`Own`, every delegate method) and the
 * platform models it reads (`Reads`, read methods only), plus tagged-template raw SQL. Each context declares its
 * own (`ClTx`, `PmTx`), and its use cases receive that type, so `tx.charge` does not compile in libs/cl and
 * `tx.site.update` does not compile anywhere but the platform. Raw SQL is checked per library by the
 * table-ownership spec (tools/lint-fixtures/table-ownership.spec.ts).
 */
export type ContextTx<Own extends ModelName, Reads extends ModelName = never> = Pick<TenantTxClient, Own | RawSqlMember> & {
  readonly [K in Reads]: Pick<TenantTxClient[K], ReadMethod & keyof TenantTxClient[K]>;
};

/** The row type of a model (all scalar fields), e.g. `ModelRow<'patient'>`; a context names its own through its list. */
export type ModelRow<M extends ModelName> = Types.Result.DefaultSelection<Prisma.TypeMap['model'][Capitalize<M>]['payload']>;
