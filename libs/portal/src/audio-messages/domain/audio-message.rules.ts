import { AUDIO_CONTENT_TYPES, detectAudioType } from '../../files/domain/audio-signature.rules';

/** The longest title of an audio message. */
export const MAX_AUDIO_TITLE = 200;

/** What the record needs of the uploaded file (the FileStorage port's view and its bytes). */
export interface UploadedAudio {
  patientId: string;
  ownerId: string | null;
  content: Buffer;
}

/**
 * Why the file named by `fileId` cannot become this client's audio message, or null: it must be a file uploaded
 * for this client, not yet used by another record, audio by its bytes, and at most `maxBytes`
 * (PORTAL_AUDIO_MAX_BYTES).
 */
export function audioFileProblem(file: UploadedAudio | null, patientId: string, maxBytes: number): string | null {
  if (!file || file.patientId !== patientId) return 'fileId must name a file uploaded for this client';
  if (file.ownerId !== null) return 'fileId names a file already attached to another record';
  if (!detectAudioType(file.content)) return `fileId must name audio (${AUDIO_CONTENT_TYPES.join(', ')}, by content)`;
  if (file.content.length > maxBytes) return `the audio must be at most ${maxBytes} bytes`;
  return null;
}
