import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';

import { isDatabaseUnavailable, pgErrorOf, prismaCodeOf } from '@cairn/platform/db';
import { DomainError, DomainErrorKind, TooManyRequestsError } from '@cairn/platform/kernel';

import { fromBodyParserError, RequestBodyError } from './body-parser-errors';
import { FieldError, PROBLEM_CONTENT_TYPE, ProblemDetails, problemType } from './problem-details';
import { REQUEST_ID_HEADER } from './request-id.middleware';
import { ExportAbortedError } from './streamed-export';

/** What an exception means for the caller: everything the problem body and headers are built from. */
export interface MappedProblem {
  status: number;
  detail: string;
  slug?: string;
  errors?: FieldError[];
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** What each kind of domain error means over HTTP: the one place a domain error gets a status. */
export const DOMAIN_ERROR_STATUS: Record<DomainErrorKind, { status: number; slug: string }> = {
  invalid_input: { status: 400, slug: 'validation-error' },
  unauthorized: { status: 401, slug: 'unauthorized' },
  forbidden: { status: 403, slug: 'forbidden' },
  not_found: { status: 404, slug: 'not-found' },
  conflict: { status: 409, slug: 'conflict' },
  rule_violation: { status: 422, slug: 'rule-violation' },
  too_many_requests: { status: 429, slug: 'too-many-requests' },
};

const GENERIC_500 = 'An unexpected error occurred. It has been logged; quote the request id when reporting it.';

/** Seconds a client is asked to wait when the database is out of reach (a restart or failover takes a few). */
export const DATABASE_UNAVAILABLE_RETRY_SECONDS = 5;
const DATABASE_UNAVAILABLE =
  'The database is not reachable at the moment (or another service the API depends on is not). Try again in a few ' +
  'seconds; if you were saving something, check whether it was saved before you save it again.';

/**
 * Answers every error as RFC 9457 application/problem+json. Known errors keep their (caller-safe) message;
 * anything else becomes a 500 whose body says nothing about the cause, which is logged with its stack and the
 * request id instead.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    const mapped = mapException(exception);
    const requestId = req.id ?? (req.headers?.[REQUEST_ID_HEADER] as string | undefined);
    if (res.headersSent) {
      // A streamed response (CSV export) stopped midway: the status is gone, cut the stream short. A client that
      // hung up is no server fault; anything else is, and is logged as one.
      if (exception instanceof ExportAbortedError) this.logger.warn({ requestId }, `Streamed response not finished: ${exception.message}`);
      else this.logger.error({ err: exception, requestId }, 'Streamed response failed midway; the connection was cut');
      res.destroy();
      return;
    }
    if (mapped.slug === 'database-unavailable') {
      // Expected in a restart or failover: the message only, no stack, and no alarm of an unhandled error.
      this.logger.warn(
        { requestId, cause: exception instanceof Error ? exception.message : String(exception) },
        'The database is not reachable: answered 503',
      );
    } else if (mapped.status >= 500 && mapped.status !== 503) {
      this.logger.error({ err: exception, requestId }, 'Unhandled error answered with 500');
    }
    const body: ProblemDetails = {
      ...problemType(mapped.status, mapped.slug),
      status: mapped.status,
      detail: mapped.detail,
      instance: (req.originalUrl ?? req.url ?? '').split('?')[0]!,
      ...(requestId ? { requestId } : {}),
      ...(mapped.errors?.length ? { errors: mapped.errors } : {}),
      ...(mapped.extensions ?? {}),
    };
    for (const [k, v] of Object.entries(mapped.headers ?? {})) res.setHeader(k, v);
    res.status(mapped.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }
}

/** Maps any thrown value to a problem (pure; exported for the unit tests and for non-HTTP callers). */
export function mapException(exception: unknown): MappedProblem {
  if (exception instanceof DomainError) {
    const mapped: MappedProblem = { ...DOMAIN_ERROR_STATUS[exception.kind], detail: exception.message, errors: exception.errors };
    if (exception instanceof TooManyRequestsError) {
      mapped.headers = { 'Retry-After': String(exception.retryAfterSeconds) };
      mapped.extensions = { retryAfterSeconds: exception.retryAfterSeconds };
    }
    return mapped;
  }
  if (exception instanceof RequestBodyError) return { status: exception.status, slug: exception.slug, detail: exception.message };
  if (exception instanceof HttpException) return mapHttpException(exception);
  const bodyError = fromBodyParserError(exception);
  if (bodyError) return mapException(bodyError);
  if (isDatabaseUnavailable(exception))
    return {
      status: 503,
      slug: 'database-unavailable',
      detail: DATABASE_UNAVAILABLE,
      headers: { 'Retry-After': String(DATABASE_UNAVAILABLE_RETRY_SECONDS) },
      extensions: { retryAfterSeconds: DATABASE_UNAVAILABLE_RETRY_SECONDS },
    };
  return mapDatabaseError(exception) ?? { status: 500, detail: GENERIC_500 };
}

function mapHttpException(exception: HttpException): MappedProblem {
  const status = exception.getStatus();
  const response = exception.getResponse();
  let detail = exception.message;
  let errors: FieldError[] | undefined;
  let extensions: Record<string, unknown> | undefined;
  const headers: Record<string, string> = {};
  if (typeof response === 'string') {
    detail = response;
  } else if (response && typeof response === 'object') {
    const r = response as {
      message?: unknown;
      errors?: FieldError[];
      retryAfterSeconds?: number;
      info?: unknown;
      error?: unknown;
      details?: unknown;
    };
    if (Array.isArray(r.message)) {
      // A pipe other than ours (its messages carry no paths).
      errors = r.message.map((m) => ({ field: '', message: String(m) }));
      detail = `The request has ${errors.length} invalid field${errors.length === 1 ? '' : 's'}.`;
    } else if (typeof r.message === 'string') {
      detail = r.message;
    }
    if (Array.isArray(r.errors)) errors = r.errors;
    if (typeof r.retryAfterSeconds === 'number') {
      headers['Retry-After'] = String(r.retryAfterSeconds);
      extensions = { retryAfterSeconds: r.retryAfterSeconds };
    }
    if (status === 503 && r.details && typeof r.details === 'object') {
      // @nestjs/terminus: keep its per-dependency report next to the problem fields.
      detail = `Unavailable: ${Object.keys((r.error ?? {}) as object).join(', ') || 'a dependency'} is down.`;
      extensions = { info: r.info, error: r.error, details: r.details };
    }
  }
  let slug: string | undefined;
  if (status === 400 && errors?.length) slug = 'validation-error';
  if (status === 404 && /^Cannot [A-Z]+ /.test(detail)) {
    // Express's message echoes the URL, query string included.
    detail = 'No route matches this method and path.';
    slug = 'route-not-found';
  }
  if (status >= 500 && status !== 503) detail = GENERIC_500;
  return { status, detail, errors, extensions, headers, slug };
}

/**
 * Prisma's known request errors, and PostgreSQL errors however they arrive (`pgErrorOf`, platform/db). Their
 * messages name tables and values, so none is passed on.
 */
function mapDatabaseError(exception: unknown): MappedProblem | undefined {
  const pg = pgErrorOf(exception);
  const prisma = prismaCodeOf(exception);
  const has = (...wanted: string[]) => wanted.includes(pg?.code ?? '') || wanted.includes(prisma ?? '');
  if (has('P2002', '23505'))
    return { status: 409, slug: 'unique-violation', detail: 'A record with the same unique value already exists.' };
  if (has('P2003', '23503', '23001'))
    return {
      status: 409,
      slug: 'reference-conflict',
      detail: 'The change conflicts with a related record (it is missing or still in use).',
    };
  if (has('P2025')) return { status: 404, detail: 'The record was not found.' };
  // character_not_in_repertoire / untranslatable_character: text PostgreSQL cannot store (U+0000). The edge
  // refuses such strings first (hostile-input.ts); this keeps any path that slips past it a 400.
  if (has('22021', '22P05'))
    return {
      status: 400,
      slug: 'invalid-text',
      detail: 'The request contains text the database cannot store (such as the character U+0000).',
    };
  // insufficient_privilege: a missing grant or a row-level security policy refusing the row.
  const message = pg?.message ?? (exception as { message?: unknown } | null)?.message;
  if (has('42501') || (typeof message === 'string' && /violates row-level security policy/.test(message))) {
    return { status: 403, detail: 'The database refused this operation for your access scope.' };
  }
  return undefined;
}
