import { CommandHandler, QueryBus } from '@nestjs/cqrs';

import { ConflictError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import {
  GetPortalRelationshipQuery,
  staffWrites,
} from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { homeworkTransition } from '../../domain/homework.rules';
import { HomeworkView, toHomeworkView } from '../../domain/homework.view';
import { HomeworkRepository } from '../../infrastructure/homework.repository';
import { CancelHomeworkCommand } from './cancel-homework.command';

@CommandHandler(CancelHomeworkCommand)
@TenantUseCase(CancelHomeworkCommand, {
  audit: { action: 'portal.homework.cancel', resource: 'homework', id: (c) => c.homeworkId, patient: (c) => c.patientId },
})
export class CancelHomeworkHandler implements PortalUseCaseHandler<CancelHomeworkCommand, HomeworkView | null> {
  constructor(
    private readonly repo: HomeworkRepository,
    private readonly queries: QueryBus,
  ) {}

  async execute(cmd: CancelHomeworkCommand, { ctx, tx, audit }: PortalUseCase): Promise<HomeworkView | null> {
    const organizationId = ctx.organizationId;
    const row = await tx.homeworkAssignment.findFirst({ where: { organizationId, id: cmd.homeworkId, patientId: cmd.patientId } });
    if (!row || !staffWrites(await this.queries.execute(new GetPortalRelationshipQuery(cmd.patientId)))) return null;
    const move = homeworkTransition(row.status, 'cancel');
    if (!move.ok) throw audit.refuse(`status:${row.status}`, new ConflictError(move.reason));
    const done = await tx.homeworkAssignment.update({
      where: { organizationId_id: { organizationId, id: row.id } },
      data: { status: move.status, cancelledAt: new Date(), cancelledBy: ctx.userId },
    });
    return toHomeworkView(done, await this.repo.today(tx, organizationId));
  }
}
