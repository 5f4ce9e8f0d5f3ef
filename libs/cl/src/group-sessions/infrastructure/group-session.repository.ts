import type { ClTx } from '../../cl.tx';
import { SESSION_GROUP_SELECT, SessionWithGroup, toGroupSessionView, type GroupSessionView } from '../domain/group-session.view';

type Tx = ClTx;

export interface LoadedSession {
  view: GroupSessionView;
  /** The session row with its group, and the attendance rows the caller may see, as read. */
  session: SessionWithGroup;
  rows: Awaited<ReturnType<Tx['groupAttendance']['findMany']>>;
  /** Every attendance row of the session, whether or not the caller may see it. */
  total: number;
  /** Audit scope of a read: Part 2 marking, revealed patients and how many stayed hidden. */
  auditScope: Record<string, unknown>;
  revealedPatientIds: string[];
}

/**
 * Reads a session with the attendance the caller may see (row-level security: site and patient scope) and,
 * for an SUD-program group, asks cl_check_sud_consent per attendee whether the caller may see who they are
 * (record type 'group_encounter'). Shared by the read and the write use cases so they answer the same view.
 */
export async function loadGroupSession(tx: Tx, organizationId: string, sessionId: string): Promise<LoadedSession | null> {
  const session: SessionWithGroup | null = await tx.groupSession.findUnique({
    where: { organizationId_id: { organizationId, id: sessionId } },
    include: SESSION_GROUP_SELECT,
  });
  if (!session) return null;
  // A row removed from the draft by mistake is on no roster (and the count below leaves it out too).
  const rows = await tx.groupAttendance.findMany({
    where: { organizationId, sessionId, removedAt: null },
    orderBy: [{ recordedAt: 'asc' }, { id: 'asc' }],
  });
  const [{ total }] = await tx.$queryRaw<{ total: number }[]>`SELECT cl_group_session_attendee_count(${sessionId}::uuid) AS total`;
  const consented = new Map<string, boolean>();
  if (session.group.sudProgram && rows.length > 0) {
    const checks = await tx.$queryRaw<{ id: string; ok: boolean }[]>`
      SELECT a.id::text AS id, COALESCE(cl_check_sud_consent(a.chart_id, 'group_encounter', pf_ctx_user()), false) AS ok
        FROM cl_group_attendance a
        WHERE a.organization_id = ${organizationId}::uuid AND a.session_id = ${sessionId}::uuid AND a.removed_at IS NULL`;
    checks.forEach((c) => consented.set(c.id, c.ok));
  }
  const view = toGroupSessionView(session, rows, consented, Math.max(0, total - rows.length));
  const revealed = view.attendance.filter((a) => a.patientId !== null).map((a) => a.patientId!);
  const hidden = view.attendance.length - revealed.length;
  const auditScope: Record<string, unknown> = {
    groupId: session.groupId,
    attendeeCount: view.attendance.length,
    patientIds: revealed,
    ...(session.group.sudProgram ? { part2: true, part2NoticeApplies: revealed.length > 0, part2ConsentRequiredCount: hidden } : {}),
  };
  return { view, session, rows, total, auditScope, revealedPatientIds: revealed };
}
