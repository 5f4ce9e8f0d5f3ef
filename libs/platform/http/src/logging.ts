import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import type { AppConfig } from '@cairn/platform/config';

/** Field names whose values are PHI or secrets: removed from every log line at any depth. */
export const REDACTED_FIELDS = [
  'firstName', 'lastName', 'middleName', 'preferredName', 'dateOfBirth', 'email', 'phone', 'address', 'addressLine1',
  'addressLine2', 'line1', 'line2', 'city', 'postalCode', 'ssn', 'password', 'passwordHash', 'refreshToken', 'accessToken',
  'notes', 'note', 'q', 'mrn',
];

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  ...REDACTED_FIELDS.flatMap((f) => [f, `*.${f}`, `*.*.${f}`, `*.*.*.${f}`]),
];

/** nestjs-pino options: JSON logs, request id, path without query string (queries may carry names). */
export function loggerParams(config: Pick<AppConfig, 'LOG_LEVEL'>, destination?: NodeJS.WritableStream): Params {
  return {
    pinoHttp: {
      level: config.LOG_LEVEL,
      redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
      genReqId: (req: IncomingMessage) => (req.headers['x-request-id'] as string | undefined) ?? 'unknown',
      customProps: () => ({ service: 'cairn-api' }),
      autoLogging: { ignore: (req: IncomingMessage) => req.url === '/health' || req.url === '/metrics' },
      serializers: {
        req: (req: IncomingMessage & { id?: string; raw?: IncomingMessage }) => ({
          id: req.id,
          method: req.method,
          path: (req.url ?? '').split('?')[0],
        }),
        res: (res: ServerResponse & { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      ...(destination ? { stream: destination } : {}),
    },
  } as Params;
}
