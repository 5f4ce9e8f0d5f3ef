import type { Pool } from 'pg';

/**
 * Writes cells into the dashboards value store (ds_metric_values) and source status (ds_source_status) as the
 * owner, for the API tests of rendering: the store is the only input a view reads, so a test that fixes the store
 * fixes what the view must answer. Recompute tests fill it through RecomputeMetricsCommand instead.
 */
export class DashboardStore {
  constructor(private readonly owner: Pool) {}

  async today(orgId: string): Promise<string> {
    const { rows } = await this.owner.query<{ d: string }>(
      `SELECT to_char((now() AT TIME ZONE timezone)::date, 'YYYY-MM-DD') AS d FROM pf_organizations WHERE id = $1`,
      [orgId],
    );
    return rows[0]!.d;
  }

  async put(
    orgId: string,
    source: string,
    cells: Array<{
      signal: string;
      day: string;
      siteId?: string | null;
      providerId?: string | null;
      value: number;
      breakdown?: Record<string, number>;
      computedAt?: Date;
    }>,
  ): Promise<void> {
    for (const c of cells) {
      await this.owner.query(
        `INSERT INTO ds_metric_values (organization_id, source, signal_key, scope_key, site_id, provider_id, day, value, breakdown, computed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $9, $10)
         ON CONFLICT (organization_id, signal_key, day, scope_key) DO UPDATE SET value = EXCLUDED.value, breakdown = EXCLUDED.breakdown, computed_at = EXCLUDED.computed_at`,
        [
          orgId,
          source,
          c.signal,
          `${c.siteId ?? '-'}|${c.providerId ?? '-'}`,
          c.siteId ?? null,
          c.providerId ?? null,
          c.day,
          c.value,
          c.breakdown ? JSON.stringify(c.breakdown) : null,
          c.computedAt ?? new Date(),
        ],
      );
    }
  }

  async status(
    orgId: string,
    source: string,
    s: {
      status: 'ok' | 'failing';
      lastSuccessAt: Date | null;
      failingSince?: Date | null;
      lastError?: string | null;
      expectedIntervalSeconds?: number;
    },
  ): Promise<void> {
    await this.owner.query(
      `INSERT INTO ds_source_status (organization_id, source, status, last_success_at, last_failure_at, failing_since, last_error, expected_interval_seconds)
       VALUES ($1, $2, $3, $4, $5, $5, $6, $7)
       ON CONFLICT (organization_id, source) DO UPDATE SET status = EXCLUDED.status, last_success_at = EXCLUDED.last_success_at,
         last_failure_at = EXCLUDED.last_failure_at, failing_since = EXCLUDED.failing_since, last_error = EXCLUDED.last_error,
         expected_interval_seconds = EXCLUDED.expected_interval_seconds`,
      [orgId, source, s.status, s.lastSuccessAt, s.failingSince ?? null, s.lastError ?? null, s.expectedIntervalSeconds ?? 300],
    );
  }

  async clear(orgId: string): Promise<void> {
    await this.owner.query('DELETE FROM ds_metric_values WHERE organization_id = $1', [orgId]);
    await this.owner.query('DELETE FROM ds_source_status WHERE organization_id = $1', [orgId]);
  }

  async auditEvents(
    orgId: string,
    actorId: string,
  ): Promise<
    Array<{ event_type: string; view_id: string | null; scope_context: Record<string, unknown>; content_hash: string; event_id: string }>
  > {
    const { rows } = await this.owner.query(
      'SELECT * FROM ds_audit_events WHERE organization_id = $1 AND actor_id = $2 ORDER BY occurred_at, event_id',
      [orgId, actorId],
    );
    return rows;
  }
}
