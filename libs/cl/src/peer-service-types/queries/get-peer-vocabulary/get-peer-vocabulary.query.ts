import { Query } from '@nestjs/cqrs';

import type { PeerVocabularyView } from '../../infrastructure/peer-vocabulary.repository';

/** The use_pf15 setting and the peer service types in force for the context's organization. */
export class GetPeerVocabularyQuery extends Query<PeerVocabularyView> {}
