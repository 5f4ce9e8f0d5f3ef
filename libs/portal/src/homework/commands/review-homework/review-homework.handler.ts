import { CommandBus, CommandHandler, QueryBus } from '@nestjs/cqrs';

import { ConflictError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import { RecordClientNotificationCommand } from '../../../notifications/commands/record-client-notification/record-client-notification.command';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import {
  GetPortalRelationshipQuery,
  staffWrites,
} from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { homeworkTransition } from '../../domain/homework.rules';
import { HomeworkView, toHomeworkView } from '../../domain/homework.view';
import { HomeworkRepository } from '../../infrastructure/homework.repository';
import { ReviewHomeworkCommand } from './review-homework.command';

@CommandHandler(ReviewHomeworkCommand)
@TenantUseCase(ReviewHomeworkCommand, {
  audit: { action: 'portal.homework.review', resource: 'homework', id: (c) => c.homeworkId, patient: (c) => c.patientId },
})
export class ReviewHomeworkHandler implements PortalUseCaseHandler<ReviewHomeworkCommand, HomeworkView | null> {
  constructor(
    private readonly repo: HomeworkRepository,
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  async execute(cmd: ReviewHomeworkCommand, { ctx, tx, audit }: PortalUseCase): Promise<HomeworkView | null> {
    const organizationId = ctx.organizationId;
    const row = await tx.homeworkAssignment.findFirst({ where: { organizationId, id: cmd.homeworkId, patientId: cmd.patientId } });
    // Visible is not enough: only the current primary therapist or a portal admin writes it.
    if (!row || !staffWrites(await this.queries.execute(new GetPortalRelationshipQuery(cmd.patientId)))) return null;
    const move = homeworkTransition(row.status, 'review');
    if (!move.ok) throw audit.refuse(`status:${row.status}`, new ConflictError(move.reason));
    const done = await tx.homeworkAssignment.update({
      where: { organizationId_id: { organizationId, id: row.id } },
      data: { status: move.status, reviewedAt: new Date(), reviewedBy: ctx.userId, feedback: cmd.feedback },
    });
    await this.commands.execute(new RecordClientNotificationCommand(cmd.patientId, 'homework.reviewed', row.id));
    return toHomeworkView(done, await this.repo.today(tx, organizationId));
  }
}
