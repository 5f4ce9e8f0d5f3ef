import { Command } from '@nestjs/cqrs';

import type { AudioMessageView } from '../../domain/audio-message.view';

/**
 * The therapist records (in the browser) or picks an audio file, uploads it for the client
 * (`POST /api/v1/patients/:id/portal-files`, typed by its bytes), then makes it an audio message of the client's
 * Audio Vault: the file must be audio and at most PORTAL_AUDIO_MAX_BYTES, and is attached to the message.
 */
export class RecordAudioMessageCommand extends Command<AudioMessageView> {
  constructor(
    readonly patientId: string,
    readonly title: string,
    readonly fileId: string,
  ) {
    super();
  }
}
