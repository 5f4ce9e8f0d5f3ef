import { randomUUID } from 'node:crypto';
import { CommandBus, CommandHandler, QueryBus } from '@nestjs/cqrs';

import { RuleViolationError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import { RecordPortalNotificationCommand } from '../../../notifications/commands/record-portal-notification/record-portal-notification.command';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { cleanTopics, prepRefusal } from '../../domain/session-prep.rules';
import { SessionPrepView, toSessionPrepView } from '../../domain/session-prep.view';
import { findPatientAppointment } from '../../infrastructure/patient-appointment.gateway';
import { SubmitSessionPrepCommand } from './submit-session-prep.command';

/**
 * Writes (or revises) the prep of the client's own upcoming appointment. A new or changed urgent concern notifies
 * the therapist (`session_prep.urgent`) in the same transaction.
 */
@CommandHandler(SubmitSessionPrepCommand)
@TenantUseCase(SubmitSessionPrepCommand, {
  audit: { action: 'portal.session-prep.submit', resource: 'session_prep', id: (c) => c.appointmentId, patient: (c) => c.patientId },
})
export class SubmitSessionPrepHandler implements PortalUseCaseHandler<SubmitSessionPrepCommand, SessionPrepView | null> {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  async execute(cmd: SubmitSessionPrepCommand, { ctx, tx, audit }: PortalUseCase): Promise<SessionPrepView | null> {
    const organizationId = ctx.organizationId;
    const now = new Date();
    // Another patient's appointment is not found: PM answers the client only its own.
    const appointment = await findPatientAppointment(this.queries, cmd.patientId, cmd.appointmentId, now);
    if (!appointment) return null;
    const refusal = prepRefusal(appointment, now);
    if (refusal)
      throw audit.refuse(
        `appointment:${appointment.status}`,
        new RuleViolationError(refusal, [{ field: 'appointmentId', message: refusal }]),
      );
    const topics = cleanTopics(cmd.topics);
    const existing = await tx.sessionPrep.findFirst({
      where: { organizationId, appointmentId: cmd.appointmentId, patientId: cmd.patientId },
    });
    const data = { topics, recentFeelings: cmd.recentFeelings, urgentConcern: cmd.urgentConcern };
    const row = existing
      ? await tx.sessionPrep.update({ where: { organizationId_id: { organizationId, id: existing.id } }, data })
      : await tx.sessionPrep.create({
          data: {
            organizationId,
            id: randomUUID(),
            patientId: cmd.patientId,
            appointmentId: cmd.appointmentId,
            appointmentStartAt: new Date(appointment.startAt),
            ...data,
          },
        });
    const urgent = cmd.urgentConcern !== null && cmd.urgentConcern !== existing?.urgentConcern;
    if (urgent)
      await this.commands.execute(new RecordPortalNotificationCommand(cmd.patientId, 'session_prep.urgent', 'session_prep', row.id));
    audit.scope({ prepId: row.id, revised: existing !== null, topics: topics.length, urgent });
    return toSessionPrepView(row);
  }
}
