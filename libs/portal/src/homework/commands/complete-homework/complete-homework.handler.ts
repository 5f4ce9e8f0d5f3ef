import { CommandBus, CommandHandler } from '@nestjs/cqrs';

import { ConflictError, InvalidInputError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import { FileStorage } from '../../../files/domain/file-storage.port';
import { RecordPortalNotificationCommand } from '../../../notifications/commands/record-portal-notification/record-portal-notification.command';
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
  constructor(
    private readonly repo: HomeworkRepository,
    private readonly commands: CommandBus,
    private readonly storage: FileStorage,
  ) {}

  async execute(cmd: CompleteHomeworkCommand, { ctx, tx, audit }: PortalUseCase): Promise<HomeworkView | null> {
    const organizationId = ctx.organizationId;
    const row = await tx.homeworkAssignment.findFirst({ where: { organizationId, id: cmd.homeworkId, patientId: cmd.patientId } });
    if (!row) return null;
    const move = homeworkTransition(row.status, 'complete');
    if (!move.ok) throw audit.refuse(`status:${row.status}`, new ConflictError(move.reason));
    if (cmd.submissionFileId) await this.checkUpload(cmd, organizationId, tx);
    const now = new Date();
    const done = await tx.homeworkAssignment.update({
      where: { organizationId_id: { organizationId, id: row.id } },
      data: { status: move.status, completedAt: now, completionNote: cmd.note, submissionFileId: cmd.submissionFileId },
    });
    // Handing in a worksheet shares it with the therapist, whatever the upload said.
    if (
      cmd.submissionFileId &&
      !(await this.storage.attach(tx, organizationId, cmd.submissionFileId, {
        kind: 'homework_submission',
        id: row.id,
        sharedWithClinician: true,
      }))
    )
      throw new ConflictError('The file was attached to another record meanwhile.');
    await this.commands.execute(new RecordPortalNotificationCommand(cmd.patientId, 'homework.completed', 'homework', row.id));
    audit.scope({ withFile: cmd.submissionFileId !== null, withNote: cmd.note !== null });
    return toHomeworkView(done, await this.repo.today(tx, organizationId));
  }

  /** The worksheet must be a file the client uploaded for themselves and has not attached to anything yet. */
  private async checkUpload(cmd: CompleteHomeworkCommand, organizationId: string, tx: PortalUseCase['tx']): Promise<void> {
    const opened = await this.storage.open(tx, organizationId, cmd.submissionFileId!);
    const problem =
      !opened || opened.file.patientId !== cmd.patientId
        ? 'fileId must name a file you uploaded'
        : opened.file.ownerId !== null
          ? 'fileId names a file already attached to another record'
          : null;
    if (problem) throw new InvalidInputError(problem, [{ field: 'fileId', message: problem }]);
  }
}
