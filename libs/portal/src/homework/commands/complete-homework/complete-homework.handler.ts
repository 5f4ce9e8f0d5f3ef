import { randomUUID } from 'node:crypto';
import { CommandHandler } from '@nestjs/cqrs';

import { ConflictError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { homeworkTransition } from '../../domain/homework.rules';
import { HomeworkView, toHomeworkView } from '../../domain/homework.view';
import { HomeworkRepository } from '../../infrastructure/homework.repository';
import { CompleteHomeworkCommand } from './complete-homework.command';

/** Completes the assignment and notifies the therapist (seed scenario 2, step 5), in one transaction. */
@CommandHandler(CompleteHomeworkCommand)
@TenantUseCase(CompleteHomeworkCommand, {
  audit: { action: 'portal.homework.complete', resource: 'homework', id: (c) => c.homeworkId, patient: (c) => c.patientId },
})
export class CompleteHomeworkHandler implements PortalUseCaseHandler<CompleteHomeworkCommand, HomeworkView | null> {
  constructor(private readonly repo: HomeworkRepository) {}

  async execute(cmd: CompleteHomeworkCommand, { ctx, tx, audit }: PortalUseCase): Promise<HomeworkView | null> {
    const organizationId = ctx.organizationId;
    const row = await tx.homeworkAssignment.findFirst({ where: { organizationId, id: cmd.homeworkId, patientId: cmd.patientId } });
    if (!row) return null;
    const move = homeworkTransition(row.status, 'complete');
    if (!move.ok) throw audit.refuse(`status:${row.status}`, new ConflictError(move.reason));
    const now = new Date();
    const done = await tx.homeworkAssignment.update({
      where: { organizationId_id: { organizationId, id: row.id } },
      data: { status: move.status, completedAt: now, completionNote: cmd.note, submissionFileId: cmd.submissionFileId },
    });
    await tx.portalNotification.create({
      data: { organizationId, id: randomUUID(), patientId: cmd.patientId, kind: 'homework.completed', recordKind: 'homework', recordId: row.id, createdAt: now },
    });
    audit.scope({ withFile: cmd.submissionFileId !== null, withNote: cmd.note !== null });
    return toHomeworkView(done, await this.repo.today(tx, organizationId));
  }
}
