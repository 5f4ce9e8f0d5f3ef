import { Injectable } from '@nestjs/common';

import type { PortalRow, PortalTx } from '../../portal.tx';
import type { PortalNotificationFilter } from '../queries/list-portal-notifications/list-portal-notifications.query';

/**
 * The caller's clients' notifications: the row policy already limits staff to the patients they may see (a portal
 * admin sees all); the list narrows that to the caller's own clients (cl_is_primary_therapist), so an admin's
 * feed is their caseload's, not the whole organization's.
 */
@Injectable()
export class PortalNotificationRepository {
  async count(tx: PortalTx, f: PortalNotificationFilter): Promise<number> {
    const rows = await tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM po_notifications n
      WHERE n.organization_id = pf_ctx_org() AND cl_is_primary_therapist(n.patient_id, pf_ctx_user())
        AND (${f.unreadOnly === true} = false OR n.read_at IS NULL)
        AND (${f.since?.getTime() ?? null}::float8 IS NULL OR n.created_at > to_timestamp(${f.since?.getTime() ?? null}::float8 / 1000))`;
    return rows[0]?.n ?? 0;
  }

  async page(tx: PortalTx, f: PortalNotificationFilter, w: { skip: number; take: number }): Promise<PortalRow<'portalNotification'>[]> {
    const rows = await tx.$queryRaw<
      {
        organization_id: string;
        id: string;
        patient_id: string;
        kind: string;
        record_kind: string;
        record_id: string;
        created_at: Date;
        read_at: Date | null;
        read_by: string | null;
      }[]
    >`
      SELECT n.organization_id, n.id, n.patient_id, n.kind, n.record_kind, n.record_id, n.created_at, n.read_at, n.read_by
      FROM po_notifications n
      WHERE n.organization_id = pf_ctx_org() AND cl_is_primary_therapist(n.patient_id, pf_ctx_user())
        AND (${f.unreadOnly === true} = false OR n.read_at IS NULL)
        AND (${f.since?.getTime() ?? null}::float8 IS NULL OR n.created_at > to_timestamp(${f.since?.getTime() ?? null}::float8 / 1000))
      ORDER BY n.created_at DESC, n.id
      OFFSET ${w.skip} LIMIT ${w.take}`;
    return rows.map((r) => ({
      organizationId: r.organization_id,
      id: r.id,
      patientId: r.patient_id,
      kind: r.kind,
      recordKind: r.record_kind,
      recordId: r.record_id,
      createdAt: r.created_at,
      readAt: r.read_at,
      readBy: r.read_by,
    }));
  }
}
