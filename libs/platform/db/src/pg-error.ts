/** A PostgreSQL error: its SQLSTATE (`23505`, `42501`, `22023`, ...) and every message it came with. */
export interface PgError {
  code: string;
  message: string;
}

interface ErrorShape {
  code?: unknown;
  originalCode?: unknown;
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

/** SQLSTATEs that say the server, not the statement, is the trouble: class 08 (connection exception), an
 * administrator's or crash shutdown, a server starting or stopping (57P01–57P03), too many connections (53300). */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|53300)$/;
/** Prisma's codes for the same: server unreachable or timed out (P1001, P1002), connection closed (P1017), no pooled
 * connection in time (P2024). */
const UNAVAILABLE_PRISMA = new Set(['P1001', 'P1002', 'P1017', 'P2024']);
/** Node's socket errors on the way to the server. */
const UNAVAILABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EPIPE',
  'EAI_AGAIN',
]);
/** node-postgres raises these as plain errors, without a code. */
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated unexpectedly|Connection terminated|Connection terminated due to connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable)$/;

/**
 * Whether `e` says the database could not be reached or dropped the connection (a restart, a failover, a cut
 * network, an exhausted pool), rather than refusing a statement: the caller's request may well succeed if sent again
 * shortly. Looks through the layers Prisma's driver adapter wraps an error in.
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  const seen = new Set<unknown>();
  const walk = (x: unknown): boolean => {
    if (!x || typeof x !== 'object' || seen.has(x)) return false;
    seen.add(x);
    const o = x as ErrorShape & { errno?: unknown; kind?: unknown };
    const code = typeof o.code === 'string' ? o.code : undefined;
    if (code && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_PRISMA.has(code) || UNAVAILABLE_ERRNO.has(code))) return true;
    if (typeof o.originalCode === 'string' && UNAVAILABLE_SQLSTATE.test(o.originalCode)) return true;
    // The driver adapter's own classification (DatabaseNotReachable, ConnectionClosed, SocketTimeout, TooManyConnections).
    if (typeof o.kind === 'string' && /^(DatabaseNotReachable|ConnectionClosed|SocketTimeout|TooManyConnections)$/.test(o.kind))
      return true;
    if (typeof o.message === 'string' && UNAVAILABLE_MESSAGE.test(o.message)) return true;
    return walk(o.cause) || walk(o.meta?.driverAdapterError) || walk(o.meta?.driverAdapterError?.cause);
  };
  return walk(e);
}

/**
 * One line for a log: the first non-empty line of the error's message (Prisma's start with a blank line), with its
 * SQLSTATE or Prisma code when it has one, e.g. `deadlock detected (SQLSTATE 40P01)`. Never the statement's values.
 */
export function describeError(e: unknown): string {
  const pg = pgErrorOf(e);
  const text = pg?.message ?? (e instanceof Error ? e.message : String(e));
  const line =
    text
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l.length > 0) ?? (e instanceof Error ? e.name : 'unknown error');
  const code = pg ? `SQLSTATE ${pg.code}` : prismaCodeOf(e);
  return code ? `${line} (${code})` : line;
}
