import {
  ArgumentsHost,
  BadRequestException,
  HttpException,
  Logger,
  NotFoundException,
  ServiceUnavailableException,
  UnauthorizedException,
} from '@nestjs/common';

import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RuleViolationError,
  TooManyRequestsError,
  UnauthorizedError,
} from '@cairn/platform/kernel';

import { problemType } from './problem-details';
import { mapException, ProblemDetailsFilter } from './problem-details.filter';
import { ExportAbortedError } from './streamed-export';

describe('mapException', () => {
  it('keeps an HttpException status and caller-safe message', () => {
    expect(mapException(new UnauthorizedException('Token expired.'))).toMatchObject({ status: 401, detail: 'Token expired.' });
  });

  it('turns a pipe message array into errors[] and a validation-error type', () => {
    const mapped = mapException(new BadRequestException(['a must be a string', 'b must be a number']));
    expect(mapped).toMatchObject({ status: 400, slug: 'validation-error', detail: 'The request has 2 invalid fields.' });
    expect(mapped.errors).toHaveLength(2);
  });

  it('replaces express\'s "Cannot GET <url>" (which echoes the query) with a fixed detail', () => {
    const mapped = mapException(new NotFoundException('Cannot GET /api/v1/patients?name=Jane'));
    expect(mapped).toMatchObject({ status: 404, slug: 'route-not-found', detail: 'No route matches this method and path.' });
  });

  it('never passes on the message of a 5xx HttpException', () => {
    expect(mapException(new HttpException('pool password=x', 502)).detail).not.toContain('password');
  });

  it('carries retryAfterSeconds into a Retry-After header, from an HttpException or a domain error', () => {
    expect(mapException(new HttpException({ message: 'Slow down.', retryAfterSeconds: 30 }, 429))).toMatchObject({
      status: 429,
      headers: { 'Retry-After': '30' },
    });
    expect(mapException(new TooManyRequestsError('Slow down.', 9))).toMatchObject({
      status: 429,
      headers: { 'Retry-After': '9' },
      extensions: { retryAfterSeconds: 9 },
    });
  });

  it("keeps terminus's per-dependency report on a 503", () => {
    const terminus = new ServiceUnavailableException({
      status: 'error',
      info: {},
      error: { redis: { status: 'down' } },
      details: { redis: { status: 'down' } },
    });
    expect(mapException(terminus)).toMatchObject({
      status: 503,
      detail: 'Unavailable: redis is down.',
      extensions: { error: { redis: { status: 'down' } } },
    });
  });

  it('maps body-parser failures by their type', () => {
    expect(
      mapException(Object.assign(new SyntaxError('Unexpected token J in "Jane"'), { type: 'entity.parse.failed', status: 400 })),
    ).toMatchObject({ status: 400, slug: 'malformed-body', detail: 'The request body is not valid JSON.' });
    expect(mapException(Object.assign(new Error('too large'), { type: 'entity.too.large', status: 413 }))).toMatchObject({ status: 413 });
    expect(mapException(Object.assign(new Error('deep'), { type: 'entity.too.deep', status: 400 }))).toMatchObject({
      status: 400,
      slug: 'validation-error',
      errors: [{ field: '(body)' }],
    });
  });

  it('maps text PostgreSQL cannot store (22021, 22P05), raw or wrapped by Prisma, to 400 invalid-text', () => {
    expect(mapException(Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }))).toMatchObject({
      status: 400,
      slug: 'invalid-text',
    });
    expect(mapException({ code: 'P2010', meta: { driverAdapterError: { cause: { originalCode: '22P05' } } } })).toMatchObject({
      status: 400,
      slug: 'invalid-text',
    });
  });

  it('answers a domain error with the status and slug of its kind', () => {
    expect(mapException(new NotFoundError('No such chart.'))).toMatchObject({ status: 404, slug: 'not-found', detail: 'No such chart.' });
    const cases: [DomainError, number, string][] = [
      [new InvalidInputError('bad', [{ field: 'to', message: 'to is bad' }]), 400, 'validation-error'],
      [new UnauthorizedError('who'), 401, 'unauthorized'],
      [new ForbiddenError('no'), 403, 'forbidden'],
      [new ConflictError('clash'), 409, 'conflict'],
      [new RuleViolationError('rule'), 422, 'rule-violation'],
      [new TooManyRequestsError('wait', 5), 429, 'too-many-requests'],
    ];
    for (const [error, status, slug] of cases) expect(mapException(error)).toMatchObject({ status, slug, detail: error.message });
    expect(mapException(cases[0]![0]).errors).toEqual([{ field: 'to', message: 'to is bad' }]);
  });

  it('answers a database out of reach with 503 database-unavailable and Retry-After, naming no host', () => {
    for (const thrown of [
      { code: 'ECONNREFUSED', message: '10.0.0.5:5432' },
      new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('the database system is shutting down'), { code: '57P03' }),
    ]) {
      const mapped = mapException(thrown);
      expect(mapped).toMatchObject({ status: 503, slug: 'database-unavailable', headers: { 'Retry-After': '5' } });
      expect(mapped.detail).toMatch(/^The database is not reachable/);
      expect(mapped.detail).not.toContain('10.0.0.5');
    }
  });

  it.each([[new Error('secret')], ['a thrown string'], [null], [{ code: 'EACCES', message: '/var/run/secret' }]])(
    'answers %p with a generic 500',
    (thrown) => {
      const mapped = mapException(thrown);
      expect(mapped.status).toBe(500);
      expect(mapped.detail).toMatch(/^An unexpected error occurred/);
    },
  );
});

describe('problemType', () => {
  it('builds a stable type URI and title per slug or status', () => {
    expect(problemType(400, 'validation-error')).toEqual({
      type: 'https://cairn.dev/problems/validation-error',
      title: 'Validation failed',
    });
    expect(problemType(404)).toEqual({ type: 'https://cairn.dev/problems/not-found', title: 'Not found' });
    expect(problemType(418).type).toBe('https://cairn.dev/problems/bad-request');
  });
});

describe('ProblemDetailsFilter on a response already under way', () => {
  function hostFor(res: object): ArgumentsHost {
    const req = { headers: {}, originalUrl: '/api/v1/audit-events/export' };
    return { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as unknown as ArgumentsHost;
  }

  it('cuts the stream and logs a client that hung up as a warning, not as an unhandled 500', () => {
    const res = { headersSent: true, destroy: jest.fn(), status: jest.fn() };
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    new ProblemDetailsFilter().catch(new ExportAbortedError('the client closed the connection'), hostFor(res));
    expect(res.destroy).toHaveBeenCalled();
    expect(res.status).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    error.mockRestore();
    warn.mockRestore();
  });

  it('cuts the stream and logs a server failure midway as an error', () => {
    const res = { headersSent: true, destroy: jest.fn(), status: jest.fn() };
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    new ProblemDetailsFilter().catch(new Error('terminating connection due to administrator command'), hostFor(res));
    expect(res.destroy).toHaveBeenCalled();
    expect(error).toHaveBeenCalledWith(expect.anything(), 'Streamed response failed midway; the connection was cut');
    error.mockRestore();
  });
});
