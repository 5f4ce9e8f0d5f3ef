import { randomUUID } from 'node:crypto';
import { CommandBus, CommandHandler, QueryBus } from '@nestjs/cqrs';

import { calendarDay, InvalidInputError, NotFoundError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import { RecordClientNotificationCommand } from '../../../notifications/commands/record-client-notification/record-client-notification.command';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import {
  GetPortalRelationshipQuery,
  staffWrites,
} from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { HomeworkView, toHomeworkView } from '../../domain/homework.view';
import { HomeworkRepository } from '../../infrastructure/homework.repository';
import { AssignHomeworkCommand } from './assign-homework.command';

@CommandHandler(AssignHomeworkCommand)
@TenantUseCase(AssignHomeworkCommand, {
  audit: { action: 'portal.homework.assign', resource: 'homework', patient: (c) => c.patientId },
})
export class AssignHomeworkHandler implements PortalUseCaseHandler<AssignHomeworkCommand, HomeworkView> {
  constructor(
    private readonly repo: HomeworkRepository,
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  async execute(cmd: AssignHomeworkCommand, { ctx, tx, audit }: PortalUseCase): Promise<HomeworkView> {
    const organizationId = ctx.organizationId;
    if (!staffWrites(await this.queries.execute(new GetPortalRelationshipQuery(cmd.patientId))))
      throw new NotFoundError('No patient with that id in your scope.');
    const today = await this.repo.today(tx, organizationId);
    if (cmd.dueOn < today)
      throw new InvalidInputError('The due date is in the past.', [{ field: 'dueOn', message: 'dueOn must be today or later' }]);
    const row = await tx.homeworkAssignment.create({
      data: {
        organizationId,
        id: randomUUID(),
        patientId: cmd.patientId,
        title: cmd.title,
        description: cmd.description,
        homeworkType: cmd.homeworkType,
        dueOn: calendarDay(cmd.dueOn),
        assignedBy: ctx.userId,
      },
    });
    await this.commands.execute(new RecordClientNotificationCommand(cmd.patientId, 'homework.assigned', row.id));
    audit.set({ resourceId: row.id }).scope({ homeworkType: cmd.homeworkType });
    return toHomeworkView(row, today);
  }
}
