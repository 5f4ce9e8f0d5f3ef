import { Prisma } from '@cairn/platform/db';
import { calendarDay } from '@cairn/platform/kernel';
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
  // The days asked are replaced whole: a cell that is gone from the source (a no-show set back) must go here too.
  await tx.dsMetricValue.deleteMany({ where: { organizationId, source, day: { gte: calendarDay(from), lte: calendarDay(to) } } });
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
  if (cells.size === 0) return 0;
  await tx.dsMetricValue.createMany({
    data: [...cells.values()].map((c) => ({
      organizationId,
      source,
      signalKey: c.signalKey,
      scopeKey: scopeKey(c.siteId, c.providerId),
      siteId: c.siteId,
      providerId: c.providerId,
      day: calendarDay(c.day),
      value: c.value,
      breakdown: c.breakdown ?? undefined,
      computedAt,
    })),
  });
  return cells.size;
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
