import { randomUUID } from 'node:crypto';
import { CommandBus, CommandHandler, QueryBus } from '@nestjs/cqrs';

import { calendarDay, NotFoundError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import { RecordPortalNotificationCommand } from '../../../notifications/commands/record-portal-notification/record-portal-notification.command';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { authorKindOf } from '../../domain/goal.rules';
import { GoalDetailView, toGoalDetailView } from '../../domain/goal.view';
import { CreateGoalCommand } from './create-goal.command';

/** The goal starts at 0 % with its first history entry; a goal the client creates notifies the therapist. */
@CommandHandler(CreateGoalCommand)
@TenantUseCase(CreateGoalCommand, { audit: { action: 'portal.goal.create', resource: 'therapeutic_goal', patient: (c) => c.patientId } })
export class CreateGoalHandler implements PortalUseCaseHandler<CreateGoalCommand, GoalDetailView> {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async execute(cmd: CreateGoalCommand, { ctx, tx, audit }: PortalUseCase): Promise<GoalDetailView> {
    const organizationId = ctx.organizationId;
    if (!((await this.queries.execute(new GetPortalRelationshipQuery(cmd.patientId))) !== null))
      throw new NotFoundError('No patient with that id in your scope.');
    const author = authorKindOf(ctx.patientScope);
    const now = new Date();
    const goal = await tx.therapeuticGoal.create({
      data: {
        organizationId,
        id: randomUUID(),
        patientId: cmd.patientId,
        title: cmd.title,
        description: cmd.description,
        targetDate: cmd.targetDate ? calendarDay(cmd.targetDate) : null,
        createdByKind: author,
        createdBy: ctx.userId,
        createdAt: now,
      },
    });
    const first = await tx.goalProgressUpdate.create({
      data: {
        organizationId,
        id: randomUUID(),
        patientId: cmd.patientId,
        goalId: goal.id,
        progress: 0,
        status: 'active',
        note: null,
        authorKind: author,
        authorId: ctx.userId,
        createdAt: now,
      },
    });
    if (author === 'client')
      await this.commands.execute(new RecordPortalNotificationCommand(cmd.patientId, 'goal.created', 'therapeutic_goal', goal.id));
    audit.set({ resourceId: goal.id }).scope({ author });
    return toGoalDetailView(goal, [first]);
  }
}
