import { createHash } from 'node:crypto';

/** Names already computed: hashing the SQL of every statement of every request was ~1% of the API's CPU. */
const names = new Map<string, string>();
const MAX_REMEMBERED = 5000;

/**
 * Names Prisma's parameterised statements by a hash of their text, so that each pooled connection prepares a
 * query shape once and reuses its plan (the audited patient read spent more time planning than executing:
 * row-level security expands every policy into the plan). Statements without parameters — BEGIN, COMMIT,
 * SAVEPOINT, SET — stay unnamed: they are cheap to plan, and the tenant pool rewrites BEGIN (tenant-pool.ts),
 * which a prepared statement could not carry. An empty name is "unnamed" to pg.
 */
export function statementName(query: { sql: string; args: readonly unknown[] }): string {
  if (query.args.length === 0) return '';
  let name = names.get(query.sql);
  if (name === undefined) {
    // The app has a few hundred statement shapes; the bound only stops generated SQL (IN lists) from growing it forever.
    if (names.size >= MAX_REMEMBERED) names.clear();
    name = `cairn_${createHash('sha1').update(query.sql).digest('base64url')}`;
    names.set(query.sql, name);
  }
  return name;
}
