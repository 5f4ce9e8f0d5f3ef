import { Prisma } from '@cairn/platform/db';
import type { SignalBucket, SignalSourceKey } from '@cairn/platform/performance-signals';

import type { DsTx } from '../../dashboards.tx';
import { scopeKey } from '../domain/source-status.rules';

/**
 * The value store: ds_metric_values (one cell per organization, signal, day, site and provider) and
 * ds_source_status. Only RecomputeMetricsCommand (and the inbound feeds) write it; the views only read it.
 */
export async function replaceSourceValues(
  tx: DsTx,
  organizationId: string,
  source: string,
  from: string,
  to: string,
  buckets: readonly SignalBucket[],
  computedAt: Date,
): Promise<number> {
  // Buckets of one cell (same signal, day, site, provider) are added, so a source may split a figure.
  const cells = new Map<
    string,
    {
      signalKey: string;
      siteId: string | null;
      providerId: string | null;
      day: string;
      value: number;
      breakdown: Record<string, number> | null;
    }
  >();
  for (const b of buckets) {
    const key = `${b.metricKey}#${b.day}#${scopeKey(b.siteId, b.providerId)}`;
    const cell = cells.get(key);
    if (!cell) {
      cells.set(key, {
        signalKey: b.metricKey,
        siteId: b.siteId,
        providerId: b.providerId,
        day: b.day,
        value: b.value,
        breakdown: b.breakdown ? { ...b.breakdown } : null,
      });
      continue;
    }
    cell.value += b.value;
    if (b.breakdown) {
      cell.breakdown ??= {};
      for (const [k, v] of Object.entries(b.breakdown)) cell.breakdown[k] = (cell.breakdown[k] ?? 0) + v;
    }
  }
  const list = [...cells.values()];
  // The days asked are replaced whole: a stored cell the source no longer reports (a no-show set back) becomes 0.
  // (No DELETE: the app role deletes nothing.)
  await tx.$executeRaw`
    UPDATE ds_metric_values v SET value = 0, breakdown = NULL, computed_at = ${computedAt}
    WHERE v.organization_id = ${organizationId}::uuid AND v.source = ${source} AND v.day BETWEEN ${from}::date AND ${to}::date
      AND (v.value <> 0 OR v.breakdown IS NOT NULL)
      AND (v.signal_key, v.day, v.scope_key) NOT IN (
        SELECT k.signal_key, k.day, k.scope_key
        FROM unnest(${list.map((c) => c.signalKey)}::text[], ${list.map((c) => c.day)}::date[], ${list.map((c) => scopeKey(c.siteId, c.providerId))}::text[])
             AS k(signal_key, day, scope_key))`;
  if (list.length === 0) return 0;
  await tx.$executeRaw`
    INSERT INTO ds_metric_values (organization_id, source, signal_key, scope_key, site_id, provider_id, day, value, breakdown, computed_at)
    SELECT ${organizationId}::uuid, ${source}, k.signal_key, k.scope_key, k.site_id, k.provider_id, k.day, k.value, k.breakdown, ${computedAt}
    FROM unnest(${list.map((c) => c.signalKey)}::text[], ${list.map((c) => scopeKey(c.siteId, c.providerId))}::text[],
                ${list.map((c) => c.siteId)}::uuid[], ${list.map((c) => c.providerId)}::uuid[], ${list.map((c) => c.day)}::date[],
                ${list.map((c) => c.value)}::float8[], ${list.map((c) => (c.breakdown ? JSON.stringify(c.breakdown) : null))}::jsonb[])
         AS k(signal_key, scope_key, site_id, provider_id, day, value, breakdown)
    ON CONFLICT (organization_id, signal_key, day, scope_key)
    DO UPDATE SET source = EXCLUDED.source, site_id = EXCLUDED.site_id, provider_id = EXCLUDED.provider_id, value = EXCLUDED.value,
                  breakdown = EXCLUDED.breakdown, computed_at = EXCLUDED.computed_at`;
  return list.length;
}

export async function recordSourceSuccess(
  tx: DsTx,
  organizationId: string,
  source: SignalSourceKey,
  at: Date,
  expectedIntervalSeconds: number,
): Promise<void> {
  await tx.dsSourceStatus.upsert({
    where: { organizationId_source: { organizationId, source } },
    create: { organizationId, source, status: 'ok', lastSuccessAt: at, expectedIntervalSeconds, updatedAt: at },
    update: { status: 'ok', lastSuccessAt: at, failingSince: null, expectedIntervalSeconds, updatedAt: at },
  });
}

export async function recordSourceFailure(
  tx: DsTx,
  organizationId: string,
  source: SignalSourceKey,
  at: Date,
  error: string,
  expectedIntervalSeconds: number,
): Promise<void> {
  const current = await tx.dsSourceStatus.findUnique({ where: { organizationId_source: { organizationId, source } } });
  const failingSince = current?.status === 'failing' && current.failingSince ? current.failingSince : at;
  await tx.dsSourceStatus.upsert({
    where: { organizationId_source: { organizationId, source } },
    create: {
      organizationId,
      source,
      status: 'failing',
      lastFailureAt: at,
      failingSince,
      lastError: error,
      expectedIntervalSeconds,
      updatedAt: at,
    },
    update: { status: 'failing', lastFailureAt: at, failingSince, lastError: error, expectedIntervalSeconds, updatedAt: at },
  });
}

/**
 * Serializes recomputes of one organization's source until the transaction ends (a consumer of an event and the
 * near-real-time scheduler may recompute the same days at once: each replaces the days' cells, and two replacing
 * at once would collide on the cells' key). Callers take sources in SIGNAL_SOURCES order, so two never deadlock.
 */
export async function lockSource(tx: DsTx, organizationId: string, source: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`ds_metric_values:${organizationId}:${source}`}, 0))`;
}

/**
 * A savepoint around one source's work, so a source whose SQL fails (an aborted statement aborts the whole
 * PostgreSQL transaction) is rolled back alone and the others, and its failure status, still commit.
 */
export async function withSavepoint<T>(tx: DsTx, name: string, fn: () => Promise<T>): Promise<T> {
  const sp = Prisma.raw(`ds_${name.replace(/[^a-z0-9]/gi, '_')}`);
  await tx.$executeRaw`SAVEPOINT ${sp}`;
  try {
    const result = await fn();
    await tx.$executeRaw`RELEASE SAVEPOINT ${sp}`;
    return result;
  } catch (e) {
    await tx.$executeRaw`ROLLBACK TO SAVEPOINT ${sp}`;
    throw e;
  }
}
