import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { AudioMessageView, toAudioMessageView } from '../../domain/audio-message.view';
import { ListAudioMessagesQuery } from './list-audio-messages.query';

const MAX_MESSAGES = 200;

@QueryHandler(ListAudioMessagesQuery)
@TenantUseCase(ListAudioMessagesQuery, {
  audit: { action: 'portal.audio-message.list', resource: 'portal_audio_message', patient: (q) => q.patientId },
})
export class ListAudioMessagesHandler implements PortalUseCaseHandler<ListAudioMessagesQuery, AudioMessageView[] | null> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ patientId }: ListAudioMessagesQuery, { ctx, tx, audit }: PortalUseCase): Promise<AudioMessageView[] | null> {
    const organizationId = ctx.organizationId;
    if ((await this.queries.execute(new GetPortalRelationshipQuery(patientId))) === null) return null;
    const rows = await tx.audioMessage.findMany({
      where: { organizationId, patientId },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      take: MAX_MESSAGES,
    });
    const plays = rows.length
      ? await tx.audioMessagePlay.groupBy({
          by: ['audioMessageId'],
          where: { organizationId, patientId, audioMessageId: { in: rows.map((r) => r.id) } },
          _count: { _all: true },
          _max: { playedAt: true },
        })
      : [];
    const byMessage = new Map(plays.map((p) => [p.audioMessageId, { count: p._count._all, last: p._max.playedAt }]));
    audit.scope({ resultCount: rows.length });
    return rows.map((r) => toAudioMessageView(r, byMessage.get(r.id)));
  }
}
