import { pgErrorOf, prismaCodeOf } from './pg-error';

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
