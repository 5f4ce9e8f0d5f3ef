import { randomUUID } from 'node:crypto';
import { CommandBus, CommandHandler, QueryBus } from '@nestjs/cqrs';

import { ConflictError, InvalidInputError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import { RecordPortalNotificationCommand } from '../../../notifications/commands/record-portal-notification/record-portal-notification.command';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { authorKindOf, goalProgressProblem } from '../../domain/goal.rules';
import { GoalDetailView, toGoalDetailView } from '../../domain/goal.view';
import { RecordGoalProgressCommand } from './record-goal-progress.command';

@CommandHandler(RecordGoalProgressCommand)
@TenantUseCase(RecordGoalProgressCommand, {
  audit: { action: 'portal.goal.progress', resource: 'therapeutic_goal', id: (c) => c.goalId, patient: (c) => c.patientId },
})
export class RecordGoalProgressHandler implements PortalUseCaseHandler<RecordGoalProgressCommand, GoalDetailView | null> {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  async execute(cmd: RecordGoalProgressCommand, { ctx, tx, audit }: PortalUseCase): Promise<GoalDetailView | null> {
    const organizationId = ctx.organizationId;
    const goal = await tx.therapeuticGoal.findFirst({ where: { organizationId, id: cmd.goalId, patientId: cmd.patientId } });
    if (!goal || !((await this.queries.execute(new GetPortalRelationshipQuery(cmd.patientId))) !== null)) return null;
    const problem = goalProgressProblem(goal.status, cmd.progress, cmd.status);
    if (problem === 'closed')
      throw audit.refuse(`status:${goal.status}`, new ConflictError(`The goal is ${goal.status}: create a new goal instead.`));
    if (problem) throw new InvalidInputError(problem.message, [problem]);
    const author = authorKindOf(ctx.patientScope);
    const now = new Date();
    const updated = await tx.therapeuticGoal.update({
      where: { organizationId_id: { organizationId, id: goal.id } },
      data: { progress: cmd.progress, status: cmd.status },
    });
    await tx.goalProgressUpdate.create({
      data: {
        organizationId,
        id: randomUUID(),
        patientId: cmd.patientId,
        goalId: goal.id,
        progress: cmd.progress,
        status: cmd.status,
        note: cmd.note,
        authorKind: author,
        authorId: ctx.userId,
        createdAt: now,
      },
    });
    if (author === 'client')
      await this.commands.execute(new RecordPortalNotificationCommand(cmd.patientId, 'goal.progress', 'therapeutic_goal', goal.id));
    const history = await tx.goalProgressUpdate.findMany({
      where: { organizationId, goalId: goal.id },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    });
    audit.scope({ author, progress: cmd.progress, status: cmd.status });
    return toGoalDetailView(updated, history);
  }
}
