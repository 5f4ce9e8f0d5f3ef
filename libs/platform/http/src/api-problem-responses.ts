import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, ProblemDetailsDto } from './problem-details';

const DESCRIPTIONS: Record<number, string> = {
  400: 'Invalid request; errors[] names each invalid field',
  401: 'Missing, invalid, expired or revoked access token',
  403: 'The caller lacks the permission here',
  404: 'Not found (or outside the caller\'s scope)',
  409: 'Conflicts with the current state',
  413: 'Payload too large',
  422: 'Breaks a business rule',
  429: 'Too many requests',
  500: 'Unexpected error (no details are disclosed)',
};

/** Documents problem+json error responses on a route or controller. */
export function ApiProblemResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  const list = statuses.length ? statuses : [400, 500];
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...list.map((status) =>
      ApiResponse({ status, description: DESCRIPTIONS[status] ?? 'Error', content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } } }),
    ),
  );
}
