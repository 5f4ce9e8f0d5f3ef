import { ForbiddenError } from '@cairn/platform/kernel';
import type { SignalRecordPage, SignalRecordRow } from '@cairn/platform/performance-signals';
import { sitesWithPermission, type Principal } from '@cairn/platform/tenancy';
import type { AuditScope } from '@cairn/platform/use-case';

/**
 * The sites at which the signed-in caller holds `permission` (PM's own permission for the records listed), or a
 * refusal the pipeline audits as denied. A drill-through is a staff user's PHI read: a context without a signed-in
 * user (a worker's system context) is refused too.
 */
export function drillSites(
  principal: Principal | undefined,
  organizationId: string,
  permission: string,
  audit: AuditScope,
): 'all' | string[] {
  if (!principal)
    throw audit.refuse('no_staff_user', new ForbiddenError('A drill-through lists records for a signed-in staff user.'), 'denied');
  const sites = sitesWithPermission(principal, organizationId, permission);
  if (sites !== 'all' && sites.length === 0)
    throw audit.refuse(`missing ${permission}`, new ForbiddenError(`Listing these records needs ${permission}.`), 'denied');
  return sites;
}

export const pageOfRows = (
  columns: SignalRecordPage['columns'],
  rows: SignalRecordRow[],
  total: number,
  page: { page: number; pageSize: number },
): SignalRecordPage => ({ columns, rows, total, page: page.page, pageSize: page.pageSize });
