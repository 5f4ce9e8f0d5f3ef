import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath, type OpenAPIObject } from '@nestjs/swagger';

import { PROBLEM_CONTENT_TYPE, ProblemDetails, ProblemDetailsDto, problemType } from './problem-details';

/** The error responses most routes can give; ApiProblemResponses() with no argument documents all of them. */
export const STANDARD_PROBLEM_STATUSES = [400, 401, 403, 404, 409, 429, 500] as const;

const DESCRIPTIONS: Record<number, [description: string, detail: string]> = {
  400: ['Invalid request; errors[] names each invalid field by its dotted path', 'The request has 1 invalid field.'],
  401: ['Missing, invalid, expired or revoked access token', 'Authentication is required.'],
  403: ['The caller lacks the permission (or the site) this needs', 'You do not have permission to do this here.'],
  404: ["Not found, or outside the caller's scope", 'The record was not found.'],
  409: ['Conflicts with the current state (e.g. a duplicate)', 'A record with the same unique value already exists.'],
  413: ['Payload too large', 'The request body is too large.'],
  422: ['Well-formed but breaks a business rule', 'The site does not belong to this organization.'],
  429: ['Too many requests; Retry-After says when to try again', 'Too many requests. Try again later.'],
  500: ['Unexpected error; nothing about the cause is disclosed (quote requestId)', 'An unexpected error occurred.'],
  503: ['A dependency is unavailable', 'Unavailable: redis is down.'],
};

function example(status: number): ProblemDetails {
  const slug = status === 400 ? 'validation-error' : undefined;
  return {
    ...problemType(status, slug),
    status,
    detail: DESCRIPTIONS[status]?.[1] ?? 'Error',
    instance: '/api/v1/patients',
    requestId: '0b7f8a52-3c1e-4a8e-9d0e-5f2b7c1d9e44',
    ...(status === 400 ? { errors: [{ field: 'address.postalCode', message: 'address.postalCode must be a ZIP or ZIP+4' }] } : {}),
  };
}

/**
 * Documents problem+json error responses (RFC 9457, schema ProblemDetailsDto) on a route or a controller.
 * With no statuses: the standard set 400, 401, 403, 404, 409, 429, 500.
 */
export function ApiProblemResponses(...statuses: number[]): MethodDecorator & ClassDecorator {
  const list = statuses.length ? statuses : [...STANDARD_PROBLEM_STATUSES];
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...list.map((status) =>
      ApiResponse({
        status,
        description: `${DESCRIPTIONS[status]?.[0] ?? 'Error'} (application/problem+json)`,
        content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) }, example: example(status) } },
        ...(status === 429
          ? { headers: { 'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer' } } } }
          : {}),
      }),
    ),
  );
}

/**
 * Every error the API answers is problem+json, but a route may document an error status with a description
 * only (`@ApiResponse({ status: 404, description })`). This gives each such response the problem+json schema, so
 * the document (and the client generated from it) says what the body is. Changes `doc` in place and returns it.
 */
export function documentProblemBodies(doc: OpenAPIObject): OpenAPIObject {
  for (const methods of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(methods)) {
      const responses = (op as { responses?: Record<string, { content?: Record<string, unknown> }> } | undefined)?.responses;
      for (const [status, response] of Object.entries(responses ?? {})) {
        if (Number(status) >= 400 && !response.content)
          response.content = { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } };
      }
    }
  }
  return doc;
}
