import { Query } from '@nestjs/cqrs';

export interface AuditEventFilter {
  actorUserId?: string;
  patientId?: string;
  action?: string;
  from?: Date;
  to?: Date;
}

export interface AuditEventView {
  seq: string;
  occurredAt: string;
  actorUserId: string | null;
  actorType: string;
  action: string;
  resourceType: string;
  resourceId: string | null;
  patientId: string | null;
  scope: unknown;
  outcome: string;
  reason: string | null;
  requestId: string | null;
  ip: string | null;
  hash: string;
}

export interface AuditEventPage {
  items: AuditEventView[];
  page: number;
  pageSize: number;
  total: number;
}

export class ListAuditEventsQuery extends Query<AuditEventPage> {
  constructor(
    readonly filter: AuditEventFilter,
    readonly page: number,
    readonly pageSize: number,
  ) {
    super();
  }
}
