import 'reflect-metadata';

import { BadRequestException } from '@nestjs/common';

import { MAX_PAGE, pageOf, PageQueryDto, pageWindow } from './pagination';
import { createValidationPipe } from './validation';

describe('pagination', () => {
  it('defaults to page 1 of 50 and computes skip/take', () => {
    expect(pageWindow({})).toEqual({ page: 1, pageSize: 50, skip: 0, take: 50 });
    expect(pageWindow({ page: 3, pageSize: 20 })).toEqual({ page: 3, pageSize: 20, skip: 40, take: 20 });
  });

  it('wraps items with their place in the whole result', () => {
    expect(pageOf(['a'], 41, { page: 2, pageSize: 40 })).toEqual({ items: ['a'], page: 2, pageSize: 40, total: 41 });
  });

  it('caps page at MAX_PAGE: a page number past it (1e20) is a 400 naming page, not an offset the database refuses', async () => {
    const pipe = createValidationPipe();
    const meta = { type: 'query' as const, metatype: PageQueryDto };
    await expect(pipe.transform({ page: String(MAX_PAGE) }, meta)).resolves.toMatchObject({ page: MAX_PAGE });
    for (const page of ['99999999999999999999', String(MAX_PAGE + 1)]) {
      const e = (await pipe.transform({ page }, meta).catch((x: BadRequestException) => x.getResponse())) as {
        errors: { field: string }[];
      };
      expect(e.errors.map((x) => x.field)).toEqual(['page']);
    }
  });
});
