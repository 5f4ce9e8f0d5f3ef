import { ClsServiceManager } from 'nestjs-cls';
import { escapeLiteral, Pool, PoolClient, PoolConfig, QueryResult } from 'pg';

import { TENANT_CONTEXT, TenantContext, tenantSettings } from './tenant-context';

/** The statement that writes a tenant context into the current transaction (transaction-local settings). */
export function tenantSettingsSql(ctx: TenantContext | undefined): string {
  const [org, user, sites, scope] = tenantSettings(ctx).map(escapeLiteral);
  return `SELECT set_config('app.org_id', ${org}, true), set_config('app.user_id', ${user}, true), set_config('app.site_ids', ${sites}, true), set_config('app.patient_scope', ${scope}, true)`;
}

type QueryConfigLike = { text?: string; values?: unknown[]; name?: string };

/**
 * Marks a statement that may wait for its transaction's COMMIT: inside a transaction the tenant pool holds it
 * back and sends it in the same message as the COMMIT (see createTenantPool). Its text must start with this
 * marker, be one INSERT whose only `$` signs are its placeholders, and return nothing the caller reads.
 */
export const AT_COMMIT = '/* cairn:at-commit */';

/** A value written into SQL as a literal, or undefined when it cannot be (the statement then runs at once). */
function sqlLiteral(v: unknown): string | undefined {
  if (v === null || v === undefined) return 'NULL';
  // A NUL cannot travel inside a simple-query message; PostgreSQL refuses it in text anyway, so let it fail as a
  // parameter, where the refusal names it.
  if (typeof v === 'string') return v.includes('\u0000') ? undefined : escapeLiteral(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : undefined;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return undefined;
}

/** The statement with its parameters written in as literals, or undefined when one cannot be. */
export function inlineStatement(text: string, values: readonly unknown[] = []): string | undefined {
  const literals = values.map(sqlLiteral);
  if (literals.some((l) => l === undefined)) return undefined;
  let unmatched = false;
  const sql = text.replace(/\$(\d+)/g, (_, n: string) => {
    const l = literals[Number(n) - 1];
    if (l === undefined) unmatched = true;
    return l ?? '';
  });
  return unmatched ? undefined : sql;
}

/** What the caller of a held-back statement is told: it "inserted" its one row (it runs at COMMIT). */
function heldBackResult(): QueryResult {
  return { command: 'INSERT', rowCount: 1, oid: 0, rows: [], fields: [] };
}

interface ConnectionState {
  /** Statements held back for this transaction's COMMIT, already inlined; null outside a transaction. */
  atCommit: string[] | null;
  /** How many were held when each savepoint was taken, so a rollback to it drops the later ones. */
  savepoints: Map<string, number>;
}

/**
 * A pg pool whose connections save round trips on every transaction:
 * - **BEGIN carries the tenant context.** When a transaction starts (`BEGIN`, sent by Prisma's adapter) inside
 *   a request that carries a tenant context, the BEGIN is sent as `BEGIN; SELECT set_config(...)`. A BEGIN with no
 *   context in the request store stays a plain BEGIN, and row-level security then shows no tenant rows.
 * - **At-commit statements ride with the COMMIT.** A statement marked AT_COMMIT (the audit event of the
 *   transaction's work) is held back and sent as `INSERT ...; COMMIT` in one message. The audit row's BEFORE INSERT
 *   trigger locks its chain's head, so the lock is then held only for the commit itself. If the message fails, the
 *   transaction is rolled back here before the error is passed on, so the connection goes back to the pool clean.
 *   ROLLBACK drops what was held, ROLLBACK TO SAVEPOINT what was held since the savepoint. Outside a transaction,
 *   or with a value that cannot be written as a literal, the statement runs at once.
 */
export function createTenantPool(config: PoolConfig): Pool {
  const pool = new Pool(config);
  const states = new WeakMap<PoolClient, ConnectionState>();
  pool.on('connect', (client) => {
    const state: ConnectionState = { atCommit: null, savepoints: new Map() };
    states.set(client, state);
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (cfg: unknown, ...rest: unknown[]) => {
      const q = cfg as QueryConfigLike;
      // Only Prisma's form (one config object, a promise back) is rewritten; callbacks and plain strings pass.
      if (!q || typeof q !== 'object' || typeof q.text !== 'string' || rest.length > 0) return query(cfg, ...rest);
      const noValues = !q.values || q.values.length === 0;
      if (q.text === 'BEGIN' && noValues) {
        state.atCommit = [];
        state.savepoints.clear();
        const cls = ClsServiceManager.getClsService();
        const ctx = cls.isActive() ? cls.get<TenantContext | undefined>(TENANT_CONTEXT) : undefined;
        // Empty values keep pg on the simple-query protocol, which accepts two statements.
        if (ctx) return query({ ...q, text: `BEGIN; ${tenantSettingsSql(ctx)}`, values: undefined }, ...rest);
        return query(cfg);
      }
      if (state.atCommit && q.text.startsWith(AT_COMMIT)) {
        const sql = inlineStatement(q.text, q.values);
        if (sql !== undefined) {
          state.atCommit.push(sql);
          return Promise.resolve(heldBackResult());
        }
        return query(cfg);
      }
      if (noValues && state.atCommit) {
        if (q.text === 'COMMIT') return commitWithHeldStatements(query, q, state);
        if (q.text === 'ROLLBACK') {
          endTransaction(state);
        } else if (q.text.startsWith('SAVEPOINT ')) {
          state.savepoints.set(q.text.slice('SAVEPOINT '.length), state.atCommit.length);
        } else if (q.text.startsWith('ROLLBACK TO SAVEPOINT ')) {
          const mark = state.savepoints.get(q.text.slice('ROLLBACK TO SAVEPOINT '.length));
          if (mark !== undefined) state.atCommit.length = mark;
        }
      }
      return query(cfg);
    };
  });
  // A connection goes back to the pool with nothing held, whatever its last user did.
  pool.on('release', (_err, client) => {
    const state = states.get(client);
    if (state) endTransaction(state);
  });
  return pool;
}

function endTransaction(state: ConnectionState): void {
  state.atCommit = null;
  state.savepoints.clear();
}

async function commitWithHeldStatements(
  query: (...args: unknown[]) => Promise<unknown>,
  q: QueryConfigLike,
  state: ConnectionState,
): Promise<unknown> {
  const held = state.atCommit ?? [];
  endTransaction(state);
  if (held.length === 0) return query(q);
  try {
    return await query({ ...q, name: undefined, text: `${held.join('; ')}; COMMIT`, values: undefined });
  } catch (e) {
    // The statements before COMMIT failed and left the transaction aborted: end it here, so that the connection
    // does not go back to the pool inside a failed transaction. The commit's caller gets the original error.
    await query({ text: 'ROLLBACK' }).catch(() => undefined);
    throw e;
  }
}

/**
 * One statement in its own transaction on a plain pg pool, under a tenant context set exactly as the app sets it
 * (tenantSettingsSql): raw SQL as the app role sees it, for row-level-security tests and tools. Rolls back on error.
 */
export async function queryAsTenant<T>(pool: Pool, ctx: TenantContext, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query(tenantSettingsSql(ctx));
    const { rows } = await c.query(sql, params);
    await c.query('COMMIT');
    return rows as T[];
  } catch (e) {
    await c.query('ROLLBACK');
    throw e;
  } finally {
    c.release();
  }
}
