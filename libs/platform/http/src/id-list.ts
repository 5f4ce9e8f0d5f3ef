import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, ValidateBy } from 'class-validator';

import { isUuid, toId } from '@cairn/platform/kernel';

/**
 * A query parameter holding up to `max` comma-separated ids (`?ids=a,b,c`), validated as UUIDs and handed to the
 * use case as a string array, each id in its canonical spelling (lower case, as `@IsId()`). Each refusal names the
 * field (`what` says whose ids they are, e.g. "patient ids").
 */
export function IsIdList(field: string, what: string, max: number): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }: { value: unknown }) =>
      typeof value === 'string'
        ? value
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s !== '')
            .map((s) => toId(s) ?? s)
        : value,
    ),
    IsArray({ message: `${field} must be a comma-separated list of ${what}` }),
    ArrayMaxSize(max, { message: `${field} holds at most ${max} ids` }),
    // Any UUID PostgreSQL stores, as `@IsId()` and ParseIdPipe (platform/http/id.ts).
    ValidateBy(
      { name: 'isIdList', validator: { validate: (value: unknown) => isUuid(value) } },
      { each: true, message: `${field} must be ${what} (UUIDs), separated by commas` },
    ),
  );
}
