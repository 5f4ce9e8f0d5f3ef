import { useLocation, useNavigate } from 'react-router';

import { useAuth } from '../../../shared/auth';

/**
 * Where a page goes when the organization changes under it: a record belongs to one organization, so a record's
 * page goes back to its list; a list keeps its page but drops its filters (a site or session of the other
 * organization means nothing here).
 */
export function pathAfterOrganizationChange(pathname: string): string {
  if (/^\/patients\/[^/]+/.test(pathname)) return '/patients';
  if (/^\/group-sessions\/[^/]+/.test(pathname)) return '/review/group-encounters';
  return pathname;
}

/** Organization and site: sent as X-Organization-Id and X-Site-Id on every request. */
export function ScopeSwitcher() {
  const { me, scope, choose } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  if (!me) return null;
  const org = me.organizations.find((o) => o.id === scope.organizationId) ?? me.organizations[0];
  return (
    <div className="scope">
      <span className="field">
        <label htmlFor="scope-org">Work in organization</label>
        <select
          id="scope-org"
          value={org?.id ?? ''}
          onChange={(e) => {
            choose({ organizationId: e.target.value });
            navigate(pathAfterOrganizationChange(pathname));
          }}
        >
          {me.organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </span>
      <span className="field">
        <label htmlFor="scope-site">Work at site</label>
        <select
          id="scope-site"
          value={scope.siteId ?? ''}
          onChange={(e) => choose({ organizationId: org?.id, siteId: e.target.value || undefined })}
        >
          <option value="">All my sites</option>
          {org?.sites.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </span>
    </div>
  );
}
