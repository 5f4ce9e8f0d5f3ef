import { Query } from '@nestjs/cqrs';

/** The bytes of an audio message (the part a Range header asks for), or why not. */
export type PlayedAudio =
  | { kind: 'full' | 'partial'; contentType: string; fileName: string; size: number; start: number; end: number; content: Buffer }
  | { kind: 'unsatisfiable'; size: number };

/**
 * Plays (streams) one audio message of a patient, for the client (their Audio Vault) or staff the row policy
 * shows it to. Every request is audited with the range it asked for; a client's request from the first byte is
 * recorded as a play (seeks within a play are not). Null: no such message in the caller's scope (404).
 */
export class PlayAudioMessageQuery extends Query<PlayedAudio | null> {
  constructor(
    readonly patientId: string,
    readonly audioMessageId: string,
    readonly range: string | undefined,
    readonly byClient: boolean,
  ) {
    super();
  }
}
