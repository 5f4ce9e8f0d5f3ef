import { ApiBodyOptions, ApiProperty } from '@nestjs/swagger';

import type { Assert, SameShape } from '@cairn/platform/http';

import { ALLOWED_CONTENT_TYPES, MAX_FILE_BYTES } from '../domain/content-type.rules';
import type { PortalFileView } from '../domain/file-storage.port';

export class PortalFileResponseDto {
  @ApiProperty({ format: 'uuid' }) fileId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty({ enum: ALLOWED_CONTENT_TYPES, description: 'Detected from the bytes' }) contentType!: string;
  @ApiProperty() byteSize!: number;
  @ApiProperty() sha256!: string;
  @ApiProperty({ example: 'unattached' }) ownerKind!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) ownerId!: string | null;
  @ApiProperty() sharedWithClinician!: boolean;
  @ApiProperty({ enum: ['client', 'staff'] }) createdByKind!: 'client' | 'staff';
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

type _File = Assert<SameShape<PortalFileView, PortalFileResponseDto>>;

/** The multipart body of an upload route (OpenAPI only: multer parses it). */
export const UPLOAD_BODY: ApiBodyOptions = {
  schema: {
    type: 'object',
    required: ['file'],
    properties: {
      file: {
        type: 'string',
        format: 'binary',
        description: `At most ${MAX_FILE_BYTES} bytes: ${ALLOWED_CONTENT_TYPES.join(', ')}, by content`,
      },
      sharedWithClinician: {
        type: 'string',
        enum: ['true', 'false'],
        description: "A client's upload: shown to the therapist (default true)",
      },
    },
  },
};

/** The documented bodies of a download: one per accepted type. */
export const DOWNLOAD_CONTENT = Object.fromEntries(ALLOWED_CONTENT_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary' } }]));

/** Multer's limits: one file, a few fields, a size one byte over the limit so the handler names the field. */
export const UPLOAD_LIMITS = { fileSize: MAX_FILE_BYTES + 1, files: 1, fields: 4, parts: 6, fieldSize: 1024 } as const;

/** `sharedWithClinician` of a multipart form: 'true' (default) or 'false'; anything else is bad input. */
export function parseShared(value: unknown): boolean | undefined {
  if (value === undefined || value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}
