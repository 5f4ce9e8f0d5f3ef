import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandBus, CommandHandler, QueryBus } from '@nestjs/cqrs';

import { AppConfig, CONFIG } from '@cairn/platform/config';
import { ConflictError, InvalidInputError, NotFoundError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import { FileStorage } from '../../../files/domain/file-storage.port';
import { RecordClientNotificationCommand } from '../../../notifications/commands/record-client-notification/record-client-notification.command';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import {
  GetPortalRelationshipQuery,
  staffWrites,
} from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { audioFileProblem, MAX_AUDIO_TITLE } from '../../domain/audio-message.rules';
import { AudioMessageView, toAudioMessageView } from '../../domain/audio-message.view';
import { RecordAudioMessageCommand } from './record-audio-message.command';

@CommandHandler(RecordAudioMessageCommand)
@TenantUseCase(RecordAudioMessageCommand, {
  audit: { action: 'portal.audio-message.record', resource: 'portal_audio_message', patient: (c) => c.patientId },
})
export class RecordAudioMessageHandler implements PortalUseCaseHandler<RecordAudioMessageCommand, AudioMessageView> {
  constructor(
    private readonly queries: QueryBus,
    private readonly storage: FileStorage,
    @Inject(CONFIG) private readonly config: AppConfig,
    private readonly commands: CommandBus,
  ) {}

  async execute(cmd: RecordAudioMessageCommand, { ctx, tx, audit }: PortalUseCase): Promise<AudioMessageView> {
    const title = cmd.title.trim();
    if (!title || title.length > MAX_AUDIO_TITLE) {
      const message = `title must be 1 to ${MAX_AUDIO_TITLE} characters`;
      throw new InvalidInputError(message, [{ field: 'title', message }]);
    }
    if (!staffWrites(await this.queries.execute(new GetPortalRelationshipQuery(cmd.patientId))))
      throw new NotFoundError('No patient with that id in your scope.');
    const organizationId = ctx.organizationId;
    const opened = await this.storage.open(tx, organizationId, cmd.fileId);
    const problem = audioFileProblem(
      opened && { ...opened.file, content: opened.content },
      cmd.patientId,
      this.config.PORTAL_AUDIO_MAX_BYTES,
    );
    if (problem || !opened) throw new InvalidInputError(problem!, [{ field: 'fileId', message: problem! }]);
    const id = randomUUID();
    const row = await tx.audioMessage.create({
      data: {
        organizationId,
        id,
        patientId: cmd.patientId,
        title,
        fileId: cmd.fileId,
        contentType: opened.file.contentType,
        byteSize: opened.content.length,
        createdBy: ctx.userId!,
      },
    });
    if (!(await this.storage.attach(tx, organizationId, cmd.fileId, { kind: 'audio_message', id, sharedWithClinician: true })))
      throw new ConflictError('The file was attached to another record meanwhile.');
    await this.commands.execute(new RecordClientNotificationCommand(cmd.patientId, 'audio_message.received', id));
    audit.set({ resourceId: id }).scope({ contentType: row.contentType, byteSize: row.byteSize, fileId: cmd.fileId });
    return toAudioMessageView(row);
  }
}
