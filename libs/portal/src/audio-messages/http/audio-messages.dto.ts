import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

import { IsId, type Assert, type SameShape } from '@cairn/platform/http';

import { AUDIO_CONTENT_TYPES } from '../../files/domain/audio-signature.rules';
import type { AudioMessageView } from '../domain/audio-message.view';

export class AudioMessageResponseDto {
  @ApiProperty({ format: 'uuid' }) audioMessageId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ example: 'Breathing exercise before our next session' }) title!: string;
  @ApiProperty({ enum: AUDIO_CONTENT_TYPES, description: 'Detected from the bytes' }) contentType!: string;
  @ApiProperty() byteSize!: number;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'Plays by the client (requests for the audio from its first byte)' }) playCount!: number;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) lastPlayedAt!: string | null;
}

type _Message = Assert<SameShape<AudioMessageView, AudioMessageResponseDto>>;

export class RecordAudioMessageDto {
  @ApiProperty({ example: 'Breathing exercise before our next session', maxLength: 200 })
  @IsString({ message: 'title must be a string' })
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  title!: string;

  @ApiProperty({
    format: 'uuid',
    description:
      'The audio, uploaded first for this client (`POST /api/v1/patients/:id/portal-files`): webm, ogg, mp3, m4a or wav by its bytes, at most PORTAL_AUDIO_MAX_BYTES (10 MiB by default)',
  })
  @IsId()
  fileId!: string;
}

/** The documented bodies of a play: one per accepted type. */
export const AUDIO_CONTENT = Object.fromEntries(AUDIO_CONTENT_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]));
