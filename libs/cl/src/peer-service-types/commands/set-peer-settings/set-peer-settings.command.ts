import { Command } from '@nestjs/cqrs';

import type { PeerVocabularyView } from '../../infrastructure/peer-vocabulary.repository';

/** Sets use_pf15 for the context's organization; answers the vocabulary now in force. */
export class SetPeerSettingsCommand extends Command<PeerVocabularyView> {
  constructor(readonly usePf15: boolean) {
    super();
  }
}
