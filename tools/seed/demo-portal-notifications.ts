import type { Client } from 'pg';

/**
 * Issue 20 in the demo data: the client notifications the portal's use cases would have written for the demo records
 * the seed inserted directly (homework assigned and reviewed, recommended links and files, prompts and check-ins,
 * session summaries, audio messages, pending session reviews, decided change requests), at the record's own time.
 * What is older than a week before `--today`, or already acted on (homework handed in), is read; the rest is
 * unread, so every demo client opens the portal to a few new things. Run last; deterministic and idempotent (ids
 * derived from the kind and the record, ON CONFLICT DO NOTHING).
 */
const SOURCES: { kind: string; recordKind: string; select: string }[] = [
  {
    kind: 'homework.assigned',
    recordKind: 'homework',
    select: `SELECT organization_id, patient_id, id, assigned_at AS at, status <> 'assigned' AS acted FROM po_homework`,
  },
  {
    kind: 'homework.reviewed',
    recordKind: 'homework',
    select: `SELECT organization_id, patient_id, id, reviewed_at AS at, false AS acted FROM po_homework WHERE reviewed_at IS NOT NULL`,
  },
  {
    kind: 'resource.recommended',
    recordKind: 'resource',
    select: `SELECT organization_id, patient_id, id, assigned_at AS at, false AS acted FROM po_resources WHERE withdrawn_at IS NULL`,
  },
  {
    kind: 'prompt.received',
    recordKind: 'prompt',
    select: `SELECT organization_id, patient_id, id, available_from AS at, closed_at IS NOT NULL AS acted FROM po_prompts`,
  },
  {
    kind: 'session_summary.shared',
    recordKind: 'session_summary',
    select: `SELECT organization_id, patient_id, id, shared_at AS at, false AS acted FROM po_session_summaries`,
  },
  {
    kind: 'audio_message.received',
    recordKind: 'audio_message',
    select: `SELECT organization_id, patient_id, id, created_at AS at, false AS acted FROM po_audio_messages`,
  },
  {
    kind: 'session_review.requested',
    recordKind: 'session_review',
    select: `SELECT organization_id, patient_id, id, prompted_at AS at, status <> 'pending' AS acted FROM po_session_reviews`,
  },
  {
    kind: 'change_request.approved',
    recordKind: 'change_request',
    select: `SELECT organization_id, patient_id, id, decided_at AS at, false AS acted FROM po_change_requests WHERE status = 'approved'`,
  },
  {
    kind: 'change_request.denied',
    recordKind: 'change_request',
    select: `SELECT organization_id, patient_id, id, decided_at AS at, false AS acted FROM po_change_requests WHERE status = 'denied'`,
  },
];

/** Inserts the notifications; returns how many were added. */
export async function insertPortalNotifications(client: Client, today: string): Promise<number> {
  let n = 0;
  for (const s of SOURCES) {
    const res = await client.query(
      `INSERT INTO po_client_notifications (organization_id, id, patient_id, kind, record_kind, record_id, created_at, read_at)
       SELECT r.organization_id, md5($1 || ':' || r.id::text)::uuid, r.patient_id, $1, $2, r.id, r.at,
              CASE WHEN r.acted OR r.at < ($3::date - 7)::timestamptz THEN r.at + interval '1 day' END
       FROM (${s.select}) r
       WHERE r.patient_id IS NOT NULL AND r.at <= ($3::date + 1)::timestamptz
       ON CONFLICT (organization_id, id) DO NOTHING`,
      [s.kind, s.recordKind, today],
    );
    n += res.rowCount ?? 0;
  }
  return n;
}
