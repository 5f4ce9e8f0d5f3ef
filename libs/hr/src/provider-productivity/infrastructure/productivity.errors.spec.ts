import { ForbiddenError, InvalidInputError } from '@cairn/platform/kernel';

import { auditParameters, productivityError } from './productivity.errors';

/** Shaped like Prisma's driver-adapter error around a PostgreSQL error. */
const prismaError = (code: string, message: string) => ({
  message: 'Raw query failed',
  meta: { driverAdapterError: { cause: { originalCode: code, originalMessage: message } } },
});

describe('productivityError', () => {
  it("turns the function's 22023 into a 400 naming the API parameter", () => {
    const e = productivityError(prismaError('22023', 'invalid parameter period_end: must be after period_start'));
    expect(e).toBeInstanceOf(InvalidInputError);
    expect(e!.message).toBe('periodEnd must be after periodStart');
    expect(e!.errors).toEqual([{ field: 'periodEnd', message: 'periodEnd must be after periodStart' }]);
    expect(
      productivityError({ code: '22023', message: 'invalid parameter site_id: is not a site of this organization' })!.errors![0]!.field,
    ).toBe('siteId');
  });

  it('turns other data exceptions into a 400 without detail and 42501 into a 403', () => {
    const nul = productivityError(prismaError('22021', 'invalid byte sequence for encoding "UTF8": 0x00'));
    expect(nul).toBeInstanceOf(InvalidInputError);
    expect(nul!.message).not.toContain('UTF8');
    expect(productivityError(prismaError('42501', 'hr.productivity.view is not held'))).toBeInstanceOf(ForbiddenError);
  });

  it('leaves anything else alone (a 500: a bug, not the input)', () => {
    expect(productivityError(prismaError('42883', 'function does not exist'))).toBeUndefined();
    expect(productivityError(new Error('boom'))).toBeUndefined();
  });
});

describe('auditParameters', () => {
  it('keeps the known parameters only, cut short, without characters jsonb refuses', () => {
    expect(
      auditParameters({ periodStart: '2025-01-01', secret: 'x', providerId: `a\u0000b\ud800${'z'.repeat(100)}`, siteId: ['a', 'b'] }),
    ).toEqual({
      periodStart: '2025-01-01',
      providerId: `a?b?${'z'.repeat(60)}`,
      siteId: '["a","b"]',
    });
  });
});
