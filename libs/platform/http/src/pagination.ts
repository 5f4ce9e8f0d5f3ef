import { applyDecorators, Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { Type as TransformTo } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

import type { Assert, SameShape } from './view-shape';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 200;
/** Highest page number a list accepts: beyond it the offset overflows what the database takes (a 500). */
export const MAX_PAGE = 100_000;

/**
 * `?page=&pageSize=` of every list endpoint (page 1..100000, pageSize 1..200, default 50). Extend it with the
 * endpoint's filters. Query values arrive as strings; the validation pipe converts them.
 */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE, default: 1, description: 'Page number, from 1' })
  @IsOptional()
  @TransformTo(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE, description: 'Items per page' })
  @IsOptional()
  @TransformTo(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}

/** A page of a list: the items plus where they sit in the whole result. */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  /** Items matching the filters across all pages. */
  total: number;
}

/** Page and size with defaults applied, plus Prisma's `skip`/`take`. */
export function pageWindow(query: Pick<PageQueryDto, 'page' | 'pageSize'>): { page: number; pageSize: number; skip: number; take: number } {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
  return { page, pageSize, skip: (page - 1) * pageSize, take: pageSize };
}

export function pageOf<T>(items: T[], total: number, query: Pick<PageQueryDto, 'page' | 'pageSize'>): Page<T> {
  const { page, pageSize } = pageWindow(query);
  return { items, page, pageSize, total };
}

/** The envelope's fields in OpenAPI (the items' schema is filled in per route by ApiPageResponse). */
export class PageMetaDto {
  @ApiProperty({ example: 1, minimum: 1 }) page!: number;
  @ApiProperty({ example: DEFAULT_PAGE_SIZE, minimum: 1, maximum: MAX_PAGE_SIZE }) pageSize!: number;
  @ApiProperty({ example: 137, minimum: 0, description: 'Items matching the filters across all pages' }) total!: number;
}

/** Documents a 200 response `{ items: Item[], page, pageSize, total }`. */
export function ApiPageResponse(item: Type<unknown>, description = 'One page of results'): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(PageMetaDto, item),
    ApiOkResponse({
      description,
      schema: {
        allOf: [
          { $ref: getSchemaPath(PageMetaDto) },
          { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { $ref: getSchemaPath(item) } } } },
        ],
      },
    }),
  );
}

// ApiPageResponse documents PageMetaDto plus items: the envelope's fields are exactly Page's.
type _PageMeta = Assert<SameShape<Omit<Page<never>, 'items'>, PageMetaDto>>;
