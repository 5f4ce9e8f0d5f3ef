import type { Prisma } from '@cairn/platform/db';

import type { DsTx } from '../../dashboards.tx';
import { observeAuditWrite } from '../../observability/infrastructure/dashboards-metrics.service';

export const DASHBOARD_AUDIT_EVENT_TYPES = ['accessed', 'filtered', 'drilled-into', 'exported', 'cross-site-accessed', 'denied'] as const;
export type DashboardAuditEventType = (typeof DASHBOARD_AUDIT_EVENT_TYPES)[number];

export interface DashboardAuditEntry {
  eventType: DashboardAuditEventType;
  actorId: string;
  viewId?: string | null;
  metricId?: string | null;
  scopeContext: Record<string, unknown>;
}

/**
 * Writes dashboard audit events (the seed's dashboard_audit_event) in the request's transaction, before the
 * response. The database sets each row's content_hash and refuses UPDATE/DELETE; the caller puts the returned
 * { id, hash } pairs into the use case's platform audit row (`audit.scope({ dashboardEvents })`), whose hash chain
 * npm run audit:verify checks (ADR 0013).
 */
export async function appendDashboardAuditEvents(
  tx: DsTx,
  organizationId: string,
  entries: readonly DashboardAuditEntry[],
): Promise<{ id: string; hash: string }[]> {
  const out: { id: string; hash: string }[] = [];
  const occurredAt = new Date();
  try {
    await writeEntries(tx, organizationId, entries, occurredAt, out);
  } catch (e) {
    observeAuditWrite(false, entries.length - out.length);
    throw e;
  }
  observeAuditWrite(true, out.length);
  return out;
}

async function writeEntries(
  tx: DsTx,
  organizationId: string,
  entries: readonly DashboardAuditEntry[],
  occurredAt: Date,
  out: { id: string; hash: string }[],
): Promise<void> {
  for (const e of entries) {
    const row = await tx.dsAuditEvent.create({
      data: {
        organizationId,
        eventId: crypto.randomUUID(),
        eventType: e.eventType,
        actorId: e.actorId,
        viewId: e.viewId ?? null,
        metricId: e.metricId ?? null,
        scopeContext: e.scopeContext as Prisma.InputJsonValue,
        contentHash: '', // set by the ds_audit_events_seal trigger
        occurredAt,
      },
      select: { eventId: true, contentHash: true },
    });
    out.push({ id: row.eventId, hash: row.contentHash });
  }
}
