import { Pool } from 'pg';

/**
 * Tables a refused request may still write: the audit trail records denials and failures (the platform's chain,
 * and the dashboards' own dashboard_audit_event, which the seed requires for denied attempts too).
 */
export const AUDIT_TABLES = /^(pf_audit_|ds_audit_events$)/;
/** Not the application's data. */
const IGNORED_TABLES = new Set(['_prisma_migrations']);

/**
 * Detects writes to the database between two calls, by table: a row whose xmin (the transaction that wrote
 * this version of it) is at or after the first transaction id not yet assigned when the previous call looked,
 * i.e. a row inserted or updated since, and a changed row count (deletes). Sound while nothing but the API
 * under test writes to the scratch database, which is the case here (no worker runs).
 */
export class WriteProbe {
  private counts = new Map<string, number>();
  private nextXid = '0';

  private constructor(
    private readonly owner: Pool,
    private readonly sql: string,
  ) {}

  static async create(ownerUrl: string): Promise<WriteProbe> {
    const owner = new Pool({ connectionString: ownerUrl, max: 1 });
    const { rows } = await owner.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    const tables = rows.map((r) => r.table_name).filter((t) => !IGNORED_TABLES.has(t) && !AUDIT_TABLES.test(t));
    // One statement: every table's count and fresh rows against the marker, and the next marker.
    const sql = `SELECT t, n::int, fresh::int, next FROM (${tables
      .map((t) => `SELECT '${t}' AS t, count(*) AS n, count(*) FILTER (WHERE age(xmin) <= age($1::text::xid)) AS fresh FROM "${t}"`)
      .join(' UNION ALL ')}) x, (SELECT (pg_snapshot_xmax(pg_current_snapshot())::text::bigint % 4294967296)::text AS next) m`;
    const probe = new WriteProbe(owner, sql);
    await probe.changedTables();
    return probe;
  }

  /** Tables written since the previous call (or creation). */
  async changedTables(): Promise<string[]> {
    const { rows } = await this.owner.query<{ t: string; n: number; fresh: number; next: string }>(this.sql, [this.nextXid]);
    const first = this.counts.size === 0;
    const changed = rows.filter((r) => !first && (r.fresh > 0 || this.counts.get(r.t) !== r.n)).map((r) => r.t);
    for (const r of rows) this.counts.set(r.t, r.n);
    if (rows[0]) this.nextXid = rows[0].next;
    return changed;
  }

  close(): Promise<void> {
    return this.owner.end();
  }
}
