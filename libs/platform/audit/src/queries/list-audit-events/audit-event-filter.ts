import type { ModelRow, Prisma } from '@cairn/platform/db';

import type { AuditEventFilter, AuditEventView } from './list-audit-events.query';

type AuditEvent = ModelRow<'auditEvent'>;

export function auditWhere(organizationId: string, f: AuditEventFilter): Prisma.AuditEventWhereInput {
  return {
    organizationId,
    ...(f.actorUserId ? { actorUserId: f.actorUserId } : {}),
    ...(f.patientId ? { patientId: f.patientId } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.from || f.to ? { occurredAt: { ...(f.from ? { gte: f.from } : {}), ...(f.to ? { lt: f.to } : {}) } } : {}),
  };
}

export function toAuditEventView(e: AuditEvent): AuditEventView {
  return {
    seq: e.seq?.toString() ?? '',
    occurredAt: e.occurredAt.toISOString(),
    actorUserId: e.actorUserId,
    actorType: e.actorType,
    action: e.action,
    resourceType: e.resourceType,
    resourceId: e.resourceId,
    patientId: e.patientId,
    scope: e.scope,
    outcome: e.outcome,
    reason: e.reason,
    requestId: e.requestId,
    ip: e.ip,
    hash: e.hash ?? '',
  };
}

export const AUDIT_CSV_COLUMNS = [
  'seq',
  'occurredAt',
  'actorUserId',
  'actorType',
  'action',
  'resourceType',
  'resourceId',
  'patientId',
  'scope',
  'outcome',
  'reason',
  'requestId',
  'ip',
  'hash',
] as const;

/** An event's cells, in `AUDIT_CSV_COLUMNS` order. */
export function csvRow(view: AuditEventView): unknown[] {
  return AUDIT_CSV_COLUMNS.map((c) => view[c]);
}
