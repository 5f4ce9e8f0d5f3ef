import { PipeTransform } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidationOptions } from 'class-validator';

import { isUuid, toId, type Id } from '@cairn/platform/kernel';

/**
 * A UUID as the API accepts one: any spelling of 8-4-4-4-12 hex digits, whatever its version and variant bits (the
 * kernel's `isUuid()`), i.e. every id a PostgreSQL `uuid` column can hold. Rows made outside the API (the demo seed's
 * md5-derived ids, data imported from another system) carry ids of no RFC 9562 version; refusing those made such rows
 * unreachable (an appointment listed by the dashboards' drill-through answered 404 on its own route).
 */
export const isApiId = (value: unknown): value is string => isUuid(value);

/** An id the API accepts, in its canonical spelling (`toId`); anything else as it came, for the validator to refuse. */
const canonicalOrAsIs = (value: unknown): unknown => (isApiId(value) ? toId(value) : value);

/**
 * An id field of a DTO: a UUID in any spelling, handed on in its one canonical spelling (lower case, `Id`), so
 * handlers compare ids without lower-casing them. Refused as `<field> must be a UUID` (for `each`, an array of
 * ids: `<field> must hold UUIDs`); `message` replaces that wording. Combine with `@IsOptional()` or
 * `@ValidateIf()` as usual.
 */
export function IsId(options: Pick<ValidationOptions, 'each' | 'message'> = {}): PropertyDecorator {
  const each = options.each === true;
  const transform = Transform(({ value }: { value: unknown }) =>
    each && Array.isArray(value) ? value.map(canonicalOrAsIs) : canonicalOrAsIs(value),
  );
  const validate = ValidateBy(
    { name: 'isId', validator: { validate: (value: unknown) => isApiId(value) } },
    { each, message: options.message ?? (each ? '$property must hold UUIDs' : '$property must be a UUID') },
  );
  return (target: object, property: string | symbol) => {
    transform(target, property);
    validate(target, property as string);
  };
}

/**
 * A path parameter holding an id: a UUID in any spelling becomes its canonical `Id`; anything else is answered
 * with `notFound()` (a malformed id names no row, so the answer is the same as for an unknown one).
 */
export class ParseIdPipe implements PipeTransform<string, Id> {
  constructor(private readonly notFound: () => Error) {}

  transform(value: string): Id {
    const id = isApiId(value) ? toId(value) : undefined;
    if (id === undefined) throw this.notFound();
    return id;
  }
}
