/**
 * Who is acting, for which organization and which sites. Carried per request in AsyncLocalStorage
 * (nestjs-cls) and written into each database transaction with set_config(..., true), where the row-level
 * security policies read it (ARCHITECTURE §4, docs/adr/0003-rls-and-request-context.md).
 */
export interface TenantContext {
  organizationId: string;
  userId: string;
  /** Sites the caller may act on in this request; 'all' when a binding covers the whole organization. */
  siteIds: readonly string[] | 'all';
  /**
   * 'site': every patient of the permitted sites; 'assigned': only patients on the caller's care team.
   * 'system': a worker consumer acting for the organization with no staff user (userId ''), e.g. encounter
   * generation; the policies of the tables consumers write accept it through pf_ctx_is_system().
   * 'portal': a client signed in to the portal (userId is the portal account, never a staff user); only the
   * portal's policies open rows to it, those of its own patient (po_ctx_client_patient(), ADR 0015).
   */
  patientScope: 'site' | 'assigned' | 'none' | 'system' | 'portal';
}

/** CLS key of the request id (set from X-Request-Id for every request). */
export const CLS_REQUEST_ID = 'cairn.requestId';

/** CLS key under which the current request's TenantContext is stored. */
export const TENANT_CONTEXT = 'cairn.tenantContext';

/** The four transaction-local settings the RLS policies read (see the rls migration). */
export function tenantSettings(ctx: TenantContext | undefined): [string, string, string, string] {
  if (!ctx) return ['', '', '', ''];
  const sites = ctx.siteIds === 'all' ? '*' : ctx.siteIds.join(',');
  return [ctx.organizationId, ctx.userId, sites, ctx.patientScope];
}
