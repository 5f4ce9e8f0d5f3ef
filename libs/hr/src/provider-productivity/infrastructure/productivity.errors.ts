import { pgErrorOf } from '@cairn/platform/db';
import { DomainError, ForbiddenError, InvalidInputError } from '@cairn/platform/kernel';

/** The SQL function's parameter names and the API's names for them. */
const PARAMETER_FIELDS: Record<string, string> = {
  period_start: 'periodStart',
  period_end: 'periodEnd',
  org_id: 'organizationId',
  site_id: 'siteId',
  provider_id: 'providerId',
  scope: 'scope',
};

/**
 * Maps get_provider_productivity's errors to domain errors: SQLSTATE 22023 "invalid parameter <name>: <why>"
 * becomes a 400 naming the API field; any other data exception (class 22, e.g. a NUL byte in a string) a 400
 * without detail; 42501 a 403. Anything else is not mapped (a 500: a bug, not the caller's input).
 */
export function productivityError(e: unknown): DomainError | undefined {
  const sql = pgErrorOf(e);
  if (!sql) return undefined;
  if (sql.code === '22023') {
    const m = /invalid parameter ([a-z_]+): ([^\n"]+)/.exec(sql.message);
    const field = m ? (PARAMETER_FIELDS[m[1]!] ?? m[1]!) : 'parameters';
    const why = m
      ? m[2]!.trim().replace(/\b(period_start|period_end|org_id|site_id|provider_id|scope)\b/g, (p) => PARAMETER_FIELDS[p] ?? p)
      : 'is not valid';
    return new InvalidInputError(`${field} ${why}`, [{ field, message: `${field} ${why}` }]);
  }
  if (sql.code.startsWith('22')) {
    return new InvalidInputError('A parameter holds a value the database cannot read.', [
      { field: 'parameters', message: 'a parameter holds characters that are not allowed' },
    ]);
  }
  if (sql.code === '42501') {
    const permission = /hr\.productivity\.supervised/.test(sql.message) ? 'hr.productivity.supervised' : 'hr.productivity.view';
    return new ForbiddenError(`You do not have permission "${permission}" for this organization or site.`);
  }
  return undefined;
}

/**
 * Parameters as they go into an audit row: known names only, strings cut to 64 characters, control characters
 * and lone surrogates replaced (jsonb refuses NUL and unpaired surrogates). They are ids and dates, not PHI.
 */
export function auditParameters(raw: Record<string, unknown>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const key of ['organizationId', 'periodStart', 'periodEnd', 'siteId', 'providerId', 'scope', 'format']) {
    const v = raw[key];
    if (v === undefined) continue;
    const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
    // eslint-disable-next-line no-control-regex
    out[key] = v === null ? null : s.slice(0, 64).replace(/[\u0000-\u001f\u007f\ud800-\udfff]/g, '?');
  }
  return out;
}
