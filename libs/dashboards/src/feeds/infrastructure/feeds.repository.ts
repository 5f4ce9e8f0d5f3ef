import type { Prisma } from '@cairn/platform/db';
import { calendarDay } from '@cairn/platform/kernel';

import type { DsSystemDb, DsTx } from '../../dashboards.tx';
import { scopeKey } from '../../metric-store/domain/source-status.rules';
import type { FeedRegistration, FeedValue } from '../domain/feed.rules';

/** The organization a feed credential posts for (ds_feed_authenticate: outside any tenant); null when refused. */
export async function authenticateFeed(
  prisma: DsSystemDb,
  feedKey: string,
  credentialHash: string,
): Promise<{ organizationId: string; updateModel: string; expectedIntervalSeconds: number } | null> {
  const rows = await prisma.$queryRaw<Array<{ organization_id: string; update_model: string; expected_interval_seconds: number }>>`
    SELECT organization_id, update_model, expected_interval_seconds FROM ds_feed_authenticate(${feedKey}, ${credentialHash})`;
  const r = rows[0];
  return r
    ? { organizationId: r.organization_id, updateModel: r.update_model, expectedIntervalSeconds: r.expected_interval_seconds }
    : null;
}

export async function insertFeed(tx: DsTx, organizationId: string, r: FeedRegistration, credentialHash: string, actorId: string) {
  return tx.dsInboundFeed.create({
    data: {
      organizationId,
      feedKey: r.feedKey,
      domain: r.domain,
      updateModel: r.updateModel,
      expectedIntervalSeconds: r.expectedIntervalSeconds,
      credentialHash,
      createdBy: actorId,
    },
  });
}

export async function findFeed(tx: DsTx, organizationId: string, feedKey: string) {
  return tx.dsInboundFeed.findUnique({ where: { organizationId_feedKey: { organizationId, feedKey } } });
}

export async function listFeeds(tx: DsTx, organizationId: string) {
  const feeds = await tx.dsInboundFeed.findMany({ where: { organizationId }, orderBy: { feedKey: 'asc' } });
  const statuses = await tx.dsSourceStatus.findMany({ where: { organizationId, source: { in: feeds.map((f) => `feed:${f.feedKey}`) } } });
  return feeds.map((f) => ({ feed: f, status: statuses.find((s) => s.source === `feed:${f.feedKey}`) ?? null }));
}

/** Records the sender's submission id; false when it was recorded before (a duplicate: apply nothing). */
export async function recordSubmission(
  tx: DsTx,
  organizationId: string,
  feedKey: string,
  senderId: string,
  count: number,
): Promise<boolean> {
  const inserted = await tx.$executeRaw`
    INSERT INTO ds_feed_submissions (organization_id, feed_key, sender_id, values_count)
    VALUES (${organizationId}::uuid, ${feedKey}, ${senderId}, ${count})
    ON CONFLICT DO NOTHING`;
  return inserted === 1;
}

/** Stores a feed's values: each replaces the cell of its signal, day, site and provider. */
export async function upsertFeedValues(
  tx: DsTx,
  organizationId: string,
  source: string,
  values: readonly FeedValue[],
  at: Date,
): Promise<void> {
  for (const v of values) {
    const siteId = v.siteId ?? null;
    const providerId = v.providerId ?? null;
    const key = scopeKey(siteId, providerId);
    const data = { value: v.value, breakdown: (v.breakdown ?? undefined) as Prisma.InputJsonValue | undefined, computedAt: at, source };
    await tx.dsMetricValue.upsert({
      where: { organizationId_signalKey_day_scopeKey: { organizationId, signalKey: v.metricKey, day: calendarDay(v.day), scopeKey: key } },
      create: { organizationId, signalKey: v.metricKey, day: calendarDay(v.day), scopeKey: key, siteId, providerId, ...data },
      update: data,
    });
  }
}
