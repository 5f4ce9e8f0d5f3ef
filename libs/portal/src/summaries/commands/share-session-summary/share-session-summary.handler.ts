import { randomUUID } from 'node:crypto';
import { CommandBus, CommandHandler, QueryBus } from '@nestjs/cqrs';

import { ConflictError, RuleViolationError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import { RecordClientNotificationCommand } from '../../../notifications/commands/record-client-notification/record-client-notification.command';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { findPatientAppointment } from '../../../prep/infrastructure/patient-appointment.gateway';
import {
  GetPortalRelationshipQuery,
  staffWrites,
} from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { SessionSummaryView, summaryRefusal, toSessionSummaryView } from '../../domain/session-summary.view';
import { ShareSessionSummaryCommand } from './share-session-summary.command';

/** One summary per appointment; only the current primary therapist or a portal admin shares it (else 404). */
@CommandHandler(ShareSessionSummaryCommand)
@TenantUseCase(ShareSessionSummaryCommand, {
  audit: { action: 'portal.session-summary.share', resource: 'session_summary', id: (c) => c.appointmentId, patient: (c) => c.patientId },
})
export class ShareSessionSummaryHandler implements PortalUseCaseHandler<ShareSessionSummaryCommand, SessionSummaryView | null> {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  async execute(cmd: ShareSessionSummaryCommand, { ctx, tx, audit }: PortalUseCase): Promise<SessionSummaryView | null> {
    const organizationId = ctx.organizationId;
    if (!staffWrites(await this.queries.execute(new GetPortalRelationshipQuery(cmd.patientId)))) return null;
    const appointment = await findPatientAppointment(this.queries, cmd.patientId, cmd.appointmentId);
    if (!appointment) return null;
    const refusal = summaryRefusal(appointment.status);
    if (refusal)
      throw audit.refuse(
        `appointment:${appointment.status}`,
        new RuleViolationError(refusal, [{ field: 'appointmentId', message: refusal }]),
      );
    const existing = await tx.sessionSummary.findFirst({ where: { organizationId, appointmentId: cmd.appointmentId } });
    if (existing) throw audit.refuse('already_shared', new ConflictError('A summary of this session has been shared already.'));
    const row = await tx.sessionSummary.create({
      data: {
        organizationId,
        id: randomUUID(),
        patientId: cmd.patientId,
        appointmentId: cmd.appointmentId,
        appointmentStartAt: new Date(appointment.startAt),
        clinicianName: appointment.providerName,
        summary: cmd.summary,
        sharedBy: ctx.userId,
      },
    });
    await this.commands.execute(new RecordClientNotificationCommand(cmd.patientId, 'session_summary.shared', row.id));
    audit.scope({ summaryId: row.id, length: cmd.summary.length });
    return toSessionSummaryView(row);
  }
}
