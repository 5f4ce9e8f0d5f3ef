import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

import type { FieldError } from '@cairn/platform/kernel';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_BASE = 'https://cairn.dev/problems/';

export type { FieldError };

/** RFC 9457 problem details plus Cairn's `requestId` and `errors` extensions. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export class FieldErrorDto {
  @ApiProperty({ example: 'address.postalCode', description: 'Dotted path of the field (array items by index, e.g. `members.0.role`)' })
  field!: string;
  @ApiProperty({ example: 'address.postalCode must be a ZIP or ZIP+4' })
  message!: string;
}

/** RFC 9457 problem details, as every error of the API is answered (content type application/problem+json). */
export class ProblemDetailsDto {
  @ApiProperty({ example: 'https://cairn.dev/problems/validation-error', description: 'Stable URI per kind of problem' })
  type!: string;
  @ApiProperty({ example: 'Validation failed' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: 'The request has 2 invalid fields.' }) detail!: string;
  @ApiProperty({ example: '/api/v1/patients', description: 'Request path (never the query string)' }) instance!: string;
  @ApiPropertyOptional({
    example: '0b7f8a52-3c1e-4a8e-9d0e-5f2b7c1d9e44',
    description: 'Echoes X-Request-Id; quote it when reporting a problem',
  })
  requestId?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'Present on validation failures (400): one entry per invalid field' })
  errors?: FieldErrorDto[];
}

const TITLES: Record<number, [slug: string, title: string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthorized', 'Authentication required'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  406: ['not-acceptable', 'Not acceptable'],
  409: ['conflict', 'Conflict'],
  413: ['payload-too-large', 'Payload too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['rule-violation', 'Unprocessable request'],
  429: ['too-many-requests', 'Too many requests'],
  500: ['internal-error', 'Internal server error'],
  503: ['service-unavailable', 'Service unavailable'],
};

/** Titles for slugs whose title says more than the status's. */
const SLUG_TITLES: Record<string, string> = {
  'validation-error': 'Validation failed',
  'malformed-body': 'Malformed request body',
  'unique-violation': 'Already exists',
  'reference-conflict': 'Conflicts with a related record',
  'route-not-found': 'Not found',
  'invalid-text': 'Text the database cannot store',
  'database-unavailable': 'The database is not reachable',
};

export function problemType(status: number, slug?: string): { type: string; title: string } {
  const [defaultSlug, title] = TITLES[status] ?? [
    status >= 500 ? 'internal-error' : 'bad-request',
    status >= 500 ? 'Server error' : 'Request error',
  ];
  return { type: PROBLEM_BASE + (slug ?? defaultSlug), title: (slug && SLUG_TITLES[slug]) ?? title };
}
