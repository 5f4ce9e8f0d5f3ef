import { createHash } from 'node:crypto';

/**
 * Names Prisma's parameterised statements by a hash of their text, so that each pooled connection prepares a
 * query shape once and reuses its plan (the audited patient read spent more time planning than executing:
 * row-level security expands every policy into the plan). Statements without parameters — BEGIN, COMMIT,
 * SAVEPOINT, SET — stay unnamed: they are cheap to plan, and the tenant pool rewrites BEGIN (tenant-pool.ts),
 * which a prepared statement could not carry. An empty name is "unnamed" to pg.
 */
export function statementName(query: { sql: string; args: readonly unknown[] }): string {
  if (query.args.length === 0) return '';
  return `cairn_${createHash('sha1').update(query.sql).digest('base64url')}`;
}
