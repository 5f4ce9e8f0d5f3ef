import { Query } from '@nestjs/cqrs';

import type { AudioMessageView } from '../../domain/audio-message.view';

/** A client's audio messages, newest first (at most 200): the client's Audio Vault, or staff's view of it. Null: 404. */
export class ListAudioMessagesQuery extends Query<AudioMessageView[] | null> {
  constructor(readonly patientId: string) {
    super();
  }
}
