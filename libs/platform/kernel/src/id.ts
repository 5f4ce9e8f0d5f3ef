declare const idBrand: unique symbol;

/**
 * A row id (a UUID) in its one canonical spelling: lower case, as PostgreSQL writes `uuid` values. Ids are
 * compared as strings in sets, maps and audit rows, so an id spelled in capitals by a caller would otherwise not
 * match the same id read back from the database. Make one with `toId()` (or accept one through the `@IsId()`
 * DTO decorator); a plain string is not an `Id`.
 */
export type Id = string & { readonly [idBrand]: true };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` is a UUID in any spelling. */
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** The canonical `Id` of a UUID in any spelling, or undefined when `value` is not a UUID. */
export function toId(value: unknown): Id | undefined {
  return isUuid(value) ? (value.toLowerCase() as Id) : undefined;
}

/**
 * The spelling in which to compare an id that did not come through the API edge (a command or event from another
 * context): `toId(value)` for a UUID, `value` unchanged otherwise. Ids from an API request are canonical already
 * (`@IsId()`, `ParseIdPipe`); ids read from the database are lower case.
 */
export const idKey = (value: string): string => toId(value) ?? value;
