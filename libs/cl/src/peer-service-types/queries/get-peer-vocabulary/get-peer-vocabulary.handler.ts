import { QueryHandler } from '@nestjs/cqrs';
import { TenantUseCase, TenantUseCaseHandler, UseCase } from '@cairn/platform/use-case';
import { loadPeerVocabulary, PeerVocabularyView } from '../../peer-vocabulary';
import { GetPeerVocabularyQuery } from './get-peer-vocabulary.query';

@QueryHandler(GetPeerVocabularyQuery)
@TenantUseCase(GetPeerVocabularyQuery, { audit: false, reason: 'configuration (the use_pf15 setting and the peer service types), not PHI: not audited as a read' })
export class GetPeerVocabularyHandler implements TenantUseCaseHandler<GetPeerVocabularyQuery, PeerVocabularyView> {
  execute(_query: GetPeerVocabularyQuery, { ctx, tx }: UseCase): Promise<PeerVocabularyView> {
    return loadPeerVocabulary(tx, ctx.organizationId);
  }
}
