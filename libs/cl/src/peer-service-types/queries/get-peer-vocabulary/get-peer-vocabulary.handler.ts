import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { loadPeerVocabulary, PeerVocabularyView } from '../../infrastructure/peer-vocabulary.repository';
import { GetPeerVocabularyQuery } from './get-peer-vocabulary.query';

@QueryHandler(GetPeerVocabularyQuery)
@TenantUseCase(GetPeerVocabularyQuery, {
  audit: false,
  reason: 'configuration (the use_pf15 setting and the peer service types), not PHI: not audited as a read',
})
export class GetPeerVocabularyHandler implements ClUseCaseHandler<GetPeerVocabularyQuery, PeerVocabularyView> {
  execute(_query: GetPeerVocabularyQuery, { ctx, tx }: ClUseCase): Promise<PeerVocabularyView> {
    return loadPeerVocabulary(tx, ctx.organizationId);
  }
}
