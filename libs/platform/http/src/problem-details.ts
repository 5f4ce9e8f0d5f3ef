import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
export const PROBLEM_BASE = 'https://cairn.dev/problems/';

export interface FieldError {
  field: string;
  message: string;
}

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

class FieldErrorDto {
  @ApiProperty({ example: 'address.postalCode', description: 'Dotted path of the field (array items by index; headers as header.<Name>)' })
  field!: string;
  @ApiProperty({ example: 'postalCode must be a ZIP or ZIP+4' })
  message!: string;
}

/** RFC 9457 problem details, as every error of the API is answered. */
export class ProblemDetailsDto {
  @ApiProperty({ example: 'https://cairn.dev/problems/validation-error' }) type!: string;
  @ApiProperty({ example: 'Validation failed' }) title!: string;
  @ApiProperty({ example: 400 }) status!: number;
  @ApiProperty({ example: 'The request has 2 invalid fields.' }) detail!: string;
  @ApiProperty({ example: '/api/v1/patients' }) instance!: string;
  @ApiPropertyOptional({ description: 'Echoes the X-Request-Id header' }) requestId?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto] }) errors?: FieldErrorDto[];
}

const TITLES: Record<number, [slug: string, title: string]> = {
  400: ['bad-request', 'Bad request'],
  401: ['unauthorized', 'Authentication required'],
  403: ['forbidden', 'Forbidden'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  409: ['conflict', 'Conflict'],
  413: ['payload-too-large', 'Payload too large'],
  415: ['unsupported-media-type', 'Unsupported media type'],
  422: ['unprocessable', 'Unprocessable request'],
  429: ['too-many-requests', 'Too many requests'],
  500: ['internal-error', 'Internal server error'],
  503: ['service-unavailable', 'Service unavailable'],
};

export function problemType(status: number, slug?: string): { type: string; title: string } {
  const [defaultSlug, title] = TITLES[status] ?? [status >= 500 ? 'internal-error' : 'bad-request', status >= 500 ? 'Server error' : 'Request error'];
  return { type: PROBLEM_BASE + (slug ?? defaultSlug), title };
}
