/** A PostgreSQL error: its SQLSTATE (`23505`, `42501`, `22023`, ...) and every message it came with. */
export interface PgError {
  code: string;
  message: string;
}

interface ErrorShape {
  code?: unknown;
  message?: unknown;
  meta?: { code?: unknown; message?: unknown; driverAdapterError?: { cause?: ErrorCause } };
  cause?: ErrorCause;
}
interface ErrorCause {
  originalCode?: unknown;
  originalMessage?: unknown;
  code?: unknown;
  message?: unknown;
}

/** A SQLSTATE: five digits or capitals. Prisma's own codes (P1xxx–P6xxx) look alike and are not PostgreSQL's. */
const SQLSTATE = /^(?!P[1-9])[0-9A-Z]{5}$/;

/**
 * The PostgreSQL error inside `e`, however it reached us: thrown by raw `pg` (`code`), or wrapped by Prisma's
 * driver adapter (`meta.driverAdapterError.cause.originalCode`, or `cause.originalCode` for raw queries). The
 * innermost code wins; the messages of every layer are joined (a function's RAISE text may sit in any of them).
 * Undefined for anything that is not a PostgreSQL error (a Prisma-only error such as P2025, a network error).
 */
export function pgErrorOf(e: unknown): PgError | undefined {
  if (!e || typeof e !== 'object') return undefined;
  const x = e as ErrorShape;
  const cause = x.meta?.driverAdapterError?.cause ?? x.cause;
  const code = [cause?.originalCode, cause?.code, x.meta?.code, x.code].find((c): c is string => typeof c === 'string' && SQLSTATE.test(c));
  if (code === undefined) return undefined;
  const messages = [cause?.originalMessage, cause?.message, x.meta?.message, x.message].filter((m): m is string => typeof m === 'string');
  return { code, message: messages.join('\n') };
}

/** Prisma's own error code (`P2002`, `P2025`, ...) of a Prisma client error, or undefined. */
export function prismaCodeOf(e: unknown): string | undefined {
  if (!e || typeof e !== 'object') return undefined;
  const x = e as ErrorShape;
  return [x.code, x.meta?.code].find((c): c is string => typeof c === 'string' && /^P[1-9]\d{3}$/.test(c));
}
