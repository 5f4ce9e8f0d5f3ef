import { describeError, isDatabaseUnavailable, pgErrorOf, prismaCodeOf } from './pg-error';

describe('pgErrorOf', () => {
  it('reads the SQLSTATE of a raw pg error', () => {
    expect(pgErrorOf(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toEqual({
      code: '23505',
      message: 'duplicate key value',
    });
  });

  it("reads the innermost code and every message of Prisma's driver-adapter wrapping", () => {
    const wrapped = {
      code: 'P2010',
      message: 'Raw query failed',
      meta: {
        driverAdapterError: { cause: { originalCode: '22023', originalMessage: 'invalid parameter period_start: is after period_end' } },
      },
    };
    expect(pgErrorOf(wrapped)).toEqual({ code: '22023', message: 'invalid parameter period_start: is after period_end\nRaw query failed' });
    expect(pgErrorOf({ cause: { originalCode: '42501', originalMessage: 'permission denied' } })).toEqual({
      code: '42501',
      message: 'permission denied',
    });
  });

  it('keeps PL/pgSQL codes (P0001) but is undefined for Prisma-only and non-database errors', () => {
    expect(pgErrorOf({ code: 'P0001', message: 'raised' })).toEqual({ code: 'P0001', message: 'raised' });
    for (const other of [{ code: 'P2025' }, { code: 'ECONNREFUSED', message: '10.0.0.5:5432' }, new Error('x'), 'text', null, undefined]) {
      expect(pgErrorOf(other)).toBeUndefined();
    }
  });
});

describe('prismaCodeOf', () => {
  it("reads Prisma's own code and nothing else", () => {
    expect(prismaCodeOf({ code: 'P2002' })).toBe('P2002');
    expect(prismaCodeOf({ meta: { code: 'P2025' } })).toBe('P2025');
    expect(prismaCodeOf({ code: '23505' })).toBeUndefined();
    expect(prismaCodeOf({ code: 'P0001' })).toBeUndefined();
  });
});

describe('isDatabaseUnavailable', () => {
  const errno = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });
  it.each([
    ['a refused connection', errno('ECONNREFUSED')],
    ['a reset connection', errno('ECONNRESET')],
    ["node-postgres's dropped connection", new Error('Connection terminated unexpectedly')],
    ["node-postgres's pool timing out", new Error('timeout exceeded when trying to connect')],
    ['a server shutting down (57P01)', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })],
    ['a server starting up (57P03)', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['too many connections (53300)', Object.assign(new Error('sorry, too many clients already'), { code: '53300' })],
    ['a connection exception (08006)', Object.assign(new Error('connection failure'), { code: '08006' })],
    ["Prisma's unreachable server (P1001)", Object.assign(new Error("Can't reach database server"), { code: 'P1001' })],
    ["Prisma's pool timing out (P2024)", Object.assign(new Error('Timed out fetching a new connection'), { code: 'P2024' })],
    [
      "the driver adapter's wrapping",
      Object.assign(new Error('adapter'), { meta: { driverAdapterError: { cause: { kind: 'DatabaseNotReachable' } } } }),
    ],
    ['a wrapped cause', Object.assign(new Error('outer'), { cause: errno('ECONNREFUSED') })],
  ])('says yes to %s', (_what, e) => {
    expect(isDatabaseUnavailable(e)).toBe(true);
  });

  it.each([
    ['a unique violation', Object.assign(new Error('duplicate key'), { code: '23505' })],
    ['a row-level security refusal', Object.assign(new Error('new row violates row-level security policy'), { code: '42501' })],
    ["Prisma's record not found", Object.assign(new Error('not found'), { code: 'P2025' })],
    ['a programming error', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a message that merely mentions a connection', new Error('Connection terminated unexpectedly, said the user')],
    ['nothing', undefined],
  ])('says no to %s', (_what, e) => {
    expect(isDatabaseUnavailable(e)).toBe(false);
  });

  it('does not loop on a cause that refers back to itself', () => {
    const e = new Error('outer') as Error & { cause?: unknown };
    e.cause = e;
    expect(isDatabaseUnavailable(e)).toBe(false);
  });
});

describe('describeError', () => {
  it("skips the blank first line of Prisma's messages and names the SQLSTATE", () => {
    const e = Object.assign(new Error('\nInvalid `tx.$executeRaw()` invocation:\n\n\nRaw query failed.'), {
      code: 'P2010',
      meta: { driverAdapterError: { cause: { originalCode: '40P01', originalMessage: 'deadlock detected' } } },
    });
    expect(describeError(e)).toBe('deadlock detected (SQLSTATE 40P01)');
  });

  it("names Prisma's own code when there is no PostgreSQL error", () => {
    expect(describeError(Object.assign(new Error('\n\nTransaction already closed'), { code: 'P2028' }))).toBe(
      'Transaction already closed (P2028)',
    );
  });

  it('says something for an error without a message, and for a thrown non-error', () => {
    expect(describeError(new TypeError(''))).toBe('TypeError');
    expect(describeError('boom')).toBe('boom');
  });
});
