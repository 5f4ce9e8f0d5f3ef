import type { NextFunction, Request, Response } from 'express';

import { InvalidInputError } from '@cairn/platform/kernel';

import { MAX_JSON_DEPTH, WHOLE_BODY } from './hostile-input';

/**
 * A request body express could not read (malformed JSON, too large, unsupported charset). An HTTP matter, not a
 * domain one, so it names its status itself; the message is caller-safe (it never quotes the body).
 */
export class RequestBodyError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    message: string,
  ) {
    super(message);
    this.name = 'RequestBodyError';
  }
}

/** Body-parser errors carry `type` and `status`; anything else is not one. */
export function fromBodyParserError(err: unknown): RequestBodyError | InvalidInputError | undefined {
  const e = err as { type?: unknown; status?: unknown; statusCode?: unknown } | null;
  if (!e || typeof e !== 'object' || typeof e.type !== 'string') return undefined;
  const status = typeof e.status === 'number' ? e.status : typeof e.statusCode === 'number' ? e.statusCode : undefined;
  if (status === undefined || status < 400 || status >= 500) return undefined;
  switch (e.type) {
    case 'entity.parse.failed':
      return new RequestBodyError(400, 'malformed-body', 'The request body is not valid JSON.');
    case 'entity.too.deep': // thrown by verifyJsonDepth (hostile-input.ts) inside the JSON parser
      return new InvalidInputError('The request body nests arrays or objects too deeply.', [
        { field: WHOLE_BODY, message: `the body nests arrays or objects deeper than ${MAX_JSON_DEPTH} levels` },
      ]);
    case 'entity.too.large':
      return new RequestBodyError(413, 'payload-too-large', 'The request body is too large.');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new RequestBodyError(415, 'unsupported-media-type', 'The request body encoding is not supported.');
    default:
      return new RequestBodyError(status, 'unreadable-body', 'The request body could not be read.');
  }
}

/**
 * Express error middleware mounted right after the body parsers. Without it Nest turns a JSON SyntaxError
 * into a 400 whose message quotes the body back (which may hold PHI); this hands the problem filter a
 * caller-safe error instead.
 */
export function bodyParserErrorMiddleware(err: unknown, _req: Request, _res: Response, next: NextFunction): void {
  next(fromBodyParserError(err) ?? err);
}

/** The one request body type the API reads (the JSON parser's own `type`). */
export const JSON_MEDIA_TYPE = 'application/json';

/**
 * The upload routes: the only ones that read multipart/form-data (one file, parsed in memory with a size limit by
 * the route's interceptor, its type then checked by its bytes). A file is uploaded on its own and referenced by id
 * by the record that uses it (a homework submission, a resource), so this list stays short.
 */
export const MULTIPART_UPLOAD_PATHS: readonly RegExp[] = [/^\/api\/v1\/portal\/files$/, /^\/api\/v1\/patients\/[^/]+\/portal-files$/];

/**
 * Express middleware ahead of the body parser: a request that carries a body of any other media type (a form,
 * text, XML, a body without Content-Type) gets 415 instead of reaching a handler with an empty DTO; multipart
 * only on a POST to an upload route (MULTIPART_UPLOAD_PATHS).
 */
export function requireJsonBody(req: Request, _res: Response, next: NextFunction): void {
  const length = req.headers['content-length'];
  const hasBody = req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const upload = mediaType === 'multipart/form-data' && req.method === 'POST' && MULTIPART_UPLOAD_PATHS.some((p) => p.test(req.path));
  if (hasBody && mediaType !== JSON_MEDIA_TYPE && !upload) {
    next(new RequestBodyError(415, 'unsupported-media-type', `The request body must be ${JSON_MEDIA_TYPE}.`));
    return;
  }
  next();
}
