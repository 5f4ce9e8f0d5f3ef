import { ClsServiceManager } from 'nestjs-cls';
import { Pool, PoolConfig } from 'pg';

import { TENANT_CONTEXT, TenantContext, tenantSettings } from './tenant-context';

const literal = (v: string) => `'${v.replace(/'/g, "''")}'`;

/** The statement that writes a tenant context into the current transaction (transaction-local settings). */
export function tenantSettingsSql(ctx: TenantContext | undefined): string {
  const [org, user, sites, scope] = tenantSettings(ctx).map(literal);
  return `SELECT set_config('app.org_id', ${org}, true), set_config('app.user_id', ${user}, true), set_config('app.site_ids', ${sites}, true), set_config('app.patient_scope', ${scope}, true)`;
}

type QueryConfigLike = { text?: string; values?: unknown[] };

/**
 * A pg pool whose connections open a transaction and set the request's tenant context in one round trip:
 * when a transaction starts (`BEGIN`, sent by Prisma's adapter) inside a request that carries a tenant
 * context, the BEGIN is sent as `BEGIN; SELECT set_config(...)`. A BEGIN with no context in the request
 * store stays a plain BEGIN, and row-level security then shows no tenant rows.
 */
export function createTenantPool(config: PoolConfig): Pool {
  const pool = new Pool(config);
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (cfg: unknown, ...rest: unknown[]) => {
      const q = cfg as QueryConfigLike;
      if (q && typeof q === 'object' && q.text === 'BEGIN' && (!q.values || q.values.length === 0)) {
        const cls = ClsServiceManager.getClsService();
        const ctx = cls.isActive() ? cls.get<TenantContext | undefined>(TENANT_CONTEXT) : undefined;
        // Empty values keep pg on the simple-query protocol, which accepts two statements.
        if (ctx) return query({ ...q, text: `BEGIN; ${tenantSettingsSql(ctx)}`, values: undefined }, ...rest);
      }
      return query(cfg, ...rest);
    };
  });
  return pool;
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
