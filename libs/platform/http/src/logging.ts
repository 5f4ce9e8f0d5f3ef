import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { LoggerOptions } from 'pino';

import type { AppConfig } from '@cairn/platform/config';

export const REDACTED = '[REDACTED]';

/**
 * Keys whose values are PHI or secrets, matched case-insensitively at any depth of a logged object. Keys
 * starting with `address` (addressLine1, addressCity, ...) are redacted too.
 */
export const REDACTED_FIELDS = [
  'firstName',
  'lastName',
  'middleName',
  'preferredName',
  'fullName',
  'displayName',
  'dateOfBirth',
  'dob',
  'email',
  'phone',
  'phoneNumber',
  'mobile',
  'address',
  'line1',
  'line2',
  'city',
  'postalCode',
  'zip',
  'ssn',
  'mrn',
  'password',
  'passwordHash',
  'newPassword',
  'currentPassword',
  'refreshToken',
  'accessToken',
  'token',
  'secret',
  'authorization',
  'cookie',
  'set-cookie',
  'notes',
  'note',
  'focusNotes',
  'focus_notes',
  'q',
  'search',
];

const REDACTED_KEYS = new Set(REDACTED_FIELDS.map((f) => f.toLowerCase()));
const MAX_DEPTH = 10;

function isRedactedKey(key: string): boolean {
  const k = key.toLowerCase();
  return REDACTED_KEYS.has(k) || k.startsWith('address');
}

/**
 * Plain objects and data-carrying class instances (DTOs, views) are walked. Not walked: requests, responses
 * and other emitters, errors (their serializers decide what is logged), and values that serialise themselves
 * (Date, Buffer, Decimal: anything with toJSON).
 */
function isWalkable(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto === Object.prototype || proto === null) return true;
  if (
    value instanceof Error ||
    value instanceof EventEmitter ||
    ArrayBuffer.isView(value) ||
    value instanceof Map ||
    value instanceof Set ||
    value instanceof Promise
  )
    return false;
  return typeof (value as { toJSON?: unknown }).toJSON !== 'function';
}

/**
 * Copies a log object with every PHI-looking key's value replaced, at any depth (pino's own `redact` needs
 * explicit paths). Requests, responses and errors are left to their serializers, which log no bodies, headers
 * or query strings.
 */
export function redactDeep(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (depth > MAX_DEPTH) return '[Truncated]';
  if (Array.isArray(value)) {
    if (seen.has(value)) return '[Circular]';
    seen.add(value);
    return value.map((v) => redactDeep(v, depth + 1, seen));
  }
  if (!isWalkable(value)) return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    out[k] = isRedactedKey(k) && v !== undefined && v !== null ? REDACTED : redactDeep(v, depth + 1, seen);
  return out;
}

/** Request path without its query string (queries may carry names and dates of birth). */
export function pathOf(url: string | undefined): string {
  const raw = url ?? '';
  const q = raw.indexOf('?');
  return q === -1 ? raw : raw.slice(0, q);
}

// Probes and scrapes: frequent and uninformative (and excluded from the /api prefix, they would be logged twice).
const QUIET_PATHS = new Set(['/health', '/health/live', '/health/ready', '/metrics']);

/** pino options shared by the API (through pino-http) and the worker. */
export function pinoOptions(config: Pick<AppConfig, 'LOG_LEVEL'>, service: string): LoggerOptions {
  return {
    level: config.LOG_LEVEL,
    base: { service },
    // Belt and braces for the known places, in case something logs them outside a plain object.
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'headers.authorization', 'headers.cookie'],
      censor: REDACTED,
    },
    // Every logged object is walked. Child-logger bindings are not (pino formats only the root's): bind ids
    // to a child logger, never PHI.
    formatters: { log: (object) => redactDeep(object) as Record<string, unknown> },
  };
}

type SerializedReq = { id?: string; method?: string; url?: string };

/**
 * nestjs-pino options: JSON logs at LOG_LEVEL, `reqId` on every line logged during a request, and one
 * completion line per request with method, path (no query string), status and duration (`responseTime`, ms).
 */
export function loggerParams(config: Pick<AppConfig, 'LOG_LEVEL'>, destination?: NodeJS.WritableStream, service = 'cairn-api'): Params {
  return {
    pinoHttp: {
      ...pinoOptions(config, service),
      // The request id middleware has already set req.id (X-Request-Id or a new UUID).
      genReqId: (req: IncomingMessage & { id?: string }) => req.id ?? String(req.headers['x-request-id'] ?? 'unknown'),
      quietReqLogger: true,
      customAttributeKeys: { reqId: 'reqId' },
      autoLogging: { ignore: (req: IncomingMessage) => QUIET_PATHS.has(pathOf(req.url)) },
      customLogLevel: (_req: IncomingMessage, res: ServerResponse, err?: Error) =>
        err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      serializers: {
        req: (req: SerializedReq) => ({ method: req.method, path: pathOf(req.url) }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      ...(destination ? { stream: destination } : {}),
    },
  } as Params;
}
