import { randomUUID } from 'node:crypto';
import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import { FileStorage } from '../../../files/domain/file-storage.port';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { parseByteRange } from '../../domain/byte-range.rules';
import { PlayAudioMessageQuery, PlayedAudio } from './play-audio-message.query';

/** The row policy decides whether the message exists for the caller; the range decides which bytes leave. */
@QueryHandler(PlayAudioMessageQuery)
@TenantUseCase(PlayAudioMessageQuery, {
  audit: {
    action: 'portal.audio-message.play',
    resource: 'portal_audio_message',
    id: (q) => q.audioMessageId,
    patient: (q) => q.patientId,
  },
})
export class PlayAudioMessageHandler implements PortalUseCaseHandler<PlayAudioMessageQuery, PlayedAudio | null> {
  constructor(private readonly storage: FileStorage) {}

  async execute(q: PlayAudioMessageQuery, { ctx, tx, audit }: PortalUseCase): Promise<PlayedAudio | null> {
    const organizationId = ctx.organizationId;
    const message = await tx.audioMessage.findFirst({ where: { organizationId, id: q.audioMessageId, patientId: q.patientId } });
    if (!message) return null;
    const opened = await this.storage.open(tx, organizationId, message.fileId);
    if (!opened || opened.file.patientId !== q.patientId) return null;
    const size = opened.content.length;
    const range = parseByteRange(q.range, size);
    audit.scope({ range: q.range?.slice(0, 64) ?? null, byteSize: size });
    if (range.kind === 'unsatisfiable') {
      audit.scope({ status: 416 });
      return { kind: 'unsatisfiable', size };
    }
    const [start, end] = range.kind === 'full' ? [0, size - 1] : [range.start, range.end];
    if (q.byClient && start === 0)
      await tx.audioMessagePlay.create({ data: { organizationId, id: randomUUID(), patientId: q.patientId, audioMessageId: message.id } });
    audit.scope({ status: range.kind === 'full' ? 200 : 206, bytesSent: end - start + 1 });
    return {
      kind: range.kind,
      contentType: message.contentType,
      fileName: opened.file.fileName,
      size,
      start,
      end,
      content: opened.content.subarray(start, end + 1),
    };
  }
}
