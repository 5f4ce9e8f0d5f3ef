import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from './domain-errors';
import { FieldError, PROBLEM_CONTENT_TYPE, ProblemDetails, problemType } from './problem-details';
import { REQUEST_ID_HEADER } from './request-id.middleware';

interface Mapped {
  status: number;
  detail: string;
  slug?: string;
  errors?: FieldError[];
  extensions?: Record<string, unknown>;
  headers?: Record<string, string>;
}

/**
 * Answers every error as RFC 9457 application/problem+json. Known errors keep their message; anything else
 * becomes a 500 whose body says nothing about the cause (the cause is logged with the request id).
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const mapped = this.map(exception);
    const requestId = (req.headers[REQUEST_ID_HEADER] as string | undefined) ?? (res.getHeader(REQUEST_ID_HEADER) as string | undefined);
    if (mapped.status >= 500) {
      this.logger.error({ err: exception, requestId }, exception instanceof Error ? exception.message : 'Unhandled error');
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
    if (res.headersSent) {
      res.end();
      return;
    }
    for (const [k, v] of Object.entries(mapped.headers ?? {})) res.setHeader(k, v);
    res.status(mapped.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
  }

  map(exception: unknown): Mapped {
    if (exception instanceof DomainError) {
      return { status: exception.status, slug: exception.slug, detail: exception.message, errors: exception.errors };
    }
    if (exception instanceof HttpException) return mapHttpException(exception);
    const e = exception as { type?: string; status?: number; statusCode?: number; code?: string; message?: string; meta?: Record<string, unknown> };
    // body-parser errors (malformed JSON, too large, bad charset) carry a status and a type.
    if (e && typeof e.type === 'string' && typeof (e.status ?? e.statusCode) === 'number') {
      const status = (e.status ?? e.statusCode)!;
      if (e.type === 'entity.parse.failed') return { status: 400, slug: 'malformed-body', detail: 'The request body is not valid JSON.' };
      if (e.type === 'entity.too.large') return { status: 413, detail: 'The request body is too large.' };
      if (status >= 400 && status < 500) return { status, detail: 'The request body could not be read.' };
    }
    if (e && typeof e.code === 'string') {
      // Prisma known request errors.
      if (e.code === 'P2002') return { status: 409, slug: 'conflict', detail: 'A record with the same unique value already exists.' };
      if (e.code === 'P2025') return { status: 404, detail: 'The record was not found.' };
      if (e.code === 'P2003') return { status: 409, slug: 'reference-conflict', detail: 'The change conflicts with a related record.' };
      // PostgreSQL: insufficient_privilege (incl. row-level security), and errors raised by our validating functions.
      if (e.code === '42501' || /row-level security/.test(e.message ?? '')) return { status: 403, detail: 'The database refused this change for your access scope.' };
    }
    return { status: 500, detail: 'An unexpected error occurred. It has been logged; quote the request id when reporting it.' };
  }
}

function mapHttpException(exception: HttpException): Mapped {
  const status = exception.getStatus();
  const response = exception.getResponse();
  let detail = exception.message;
  let errors: FieldError[] | undefined;
  let extensions: Record<string, unknown> | undefined;
  const headers: Record<string, string> = {};
  if (typeof response === 'string') {
    detail = response;
  } else if (response && typeof response === 'object') {
    const r = response as { message?: unknown; errors?: FieldError[]; retryAfterSeconds?: number };
    if (Array.isArray(r.message)) {
      errors = r.message.map((m) => ({ field: '', message: String(m) }));
      detail = `The request has ${errors.length} invalid field(s).`;
    } else if (typeof r.message === 'string') {
      detail = r.message;
    }
    if (Array.isArray(r.errors)) errors = r.errors;
    if (typeof r.retryAfterSeconds === 'number') {
      headers['Retry-After'] = String(r.retryAfterSeconds);
      extensions = { retryAfterSeconds: r.retryAfterSeconds };
    }
  }
  if (status === 404 && /^Cannot (GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS) /.test(detail)) detail = 'No route matches this method and path.';
  const slug = errors?.length && status === 400 ? 'validation-error' : undefined;
  return { status, detail, errors, extensions, headers, slug };
}
