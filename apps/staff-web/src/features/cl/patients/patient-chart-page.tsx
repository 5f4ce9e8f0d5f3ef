import { useQuery } from '@tanstack/react-query';
import { Link, NavLink, Outlet, useOutletContext, useParams } from 'react-router';

import { api, call, Patient } from '../../../api/client';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { Part2Badge } from '../../../shared/part2-badge';
import { StaffName, useStaffNames } from '../../../shared/staff-names';
import { TableWrap } from '../../../shared/table-wrap';
import { ChartEncounters } from './chart-encounters';

function fullName(p: Patient): string {
  return [p.firstName, p.middleName, p.lastName].filter(Boolean).join(' ');
}

/**
 * A tab of the chart. The tabs come from the composition root (app.tsx): a tab may be another context's screen
 * (the portal's "Portal activity"), which a cl feature may not import. `path` is relative to the chart ('' is the
 * chart itself); a tab with a `permission` shows only to those who hold it.
 */
export interface ChartTab {
  path: string;
  label: string;
  permission?: string;
}

/**
 * The chart's frame as the API returns it: the header (name, MRN, facts), the §2.32 notice on a Part 2 chart and
 * the tabs, then the chosen tab (the nested route) below. Nothing here is computed or filled in beyond what the
 * response holds.
 */
export function PatientChartPage({ tabs = [] }: { tabs?: readonly ChartTab[] }) {
  const { id = '' } = useParams();
  const { me, scope, permissions } = useAuth();
  const shownTabs = tabs.filter((t) => !t.permission || permissions.has(t.permission));
  const result = useQuery({
    queryKey: ['patient', scope, id],
    queryFn: () => call(api.GET('/api/v1/patients/{id}', { params: { path: { id } } })),
  });
  const org = me?.organizations.find((o) => o.id === scope.organizationId);
  const siteName = (siteId: string) => org?.sites.find((s) => s.id === siteId)?.name ?? siteId;
  const p = result.data;
  return (
    <>
      <p className="back-link">
        <Link to="/patients">← Back to patients</Link>
      </p>
      {result.error && (
        <>
          <h1>Patient chart</h1>
          <ErrorMessage error={result.error} />
        </>
      )}
      {result.isPending && <p role="status">Loading chart…</p>}
      {p && (
        <article aria-labelledby="chart-heading">
          <header className="chart-header">
            <h1 id="chart-heading">
              {fullName(p)} {p.preferredName ? <span className="muted">(“{p.preferredName}”)</span> : null}
            </h1>
            {permissions.has('portal.billing.view') && (
              <p>
                <Link to={`/patients/${p.id}/insurance`}>Insurance and payment cards from the portal</Link>
              </p>
            )}
            <dl className="facts">
              <div>
                <dt>MRN</dt>
                <dd>{p.chart?.mrn ?? 'No chart'}</dd>
              </div>
              <div>
                <dt>Date of birth</dt>
                <dd>{p.dateOfBirth}</dd>
              </div>
              <div>
                <dt>Site</dt>
                <dd>{siteName(p.siteId)}</dd>
              </div>
              <div>
                <dt>Patient status</dt>
                <dd>{p.status}</dd>
              </div>
              {p.chart && (
                <div>
                  <dt>Chart</dt>
                  <dd>
                    {p.chart.status}, opened {p.chart.openedOn} {p.chart.isPart2 && <Part2Badge />}
                  </dd>
                </div>
              )}
              {p.pronouns && (
                <div>
                  <dt>Pronouns</dt>
                  <dd>{p.pronouns}</dd>
                </div>
              )}
            </dl>
          </header>
          {p.chart?.isPart2 && (
            <section className="part2-notice" aria-labelledby="part2-heading">
              <h2 id="part2-heading">
                <span aria-hidden="true">§ </span>42 CFR Part 2 record{p.chart.part2ProgramName ? `: ${p.chart.part2ProgramName}` : ''}
              </h2>
              <p>{p.part2Notice ?? 'This chart is a Part 2 record.'}</p>
            </section>
          )}
          {shownTabs.length > 1 && (
            <nav className="chart-tabs" aria-label="Chart sections">
              <ul>
                {shownTabs.map((t) => (
                  <li key={t.path}>
                    <NavLink to={t.path ? `/patients/${p.id}/${t.path}` : `/patients/${p.id}`} end={!t.path}>
                      {t.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <Outlet context={p} />
        </article>
      )}
    </>
  );
}

/** The chart's first tab: contact, care team and encounters of the patient the frame loaded. */
export function ChartOverview() {
  const p = useOutletContext<Patient>();
  const { me, scope } = useAuth();
  const staff = useStaffNames(
    p.careTeam.map((c) => c.staffUserId),
    scope.organizationId,
  );
  return (
    <>
      <section aria-labelledby="contact-heading">
        <h2 id="contact-heading">Contact</h2>
        <dl className="facts">
          <div>
            <dt>Phone</dt>
            <dd>{p.phone ?? '—'}</dd>
          </div>
          <div>
            <dt>Email</dt>
            <dd>{p.email ?? '—'}</dd>
          </div>
        </dl>
      </section>
      <section aria-labelledby="care-team-heading">
        <h2 id="care-team-heading">Care team</h2>
        {p.careTeam.length === 0 ? (
          <p>No care-team assignments.</p>
        ) : (
          <TableWrap label="Care team table">
            <table>
              <thead>
                <tr>
                  <th scope="col">Role</th>
                  <th scope="col">Staff member</th>
                  <th scope="col">Since</th>
                  <th scope="col">Until</th>
                </tr>
              </thead>
              <tbody>
                {p.careTeam.map((c) => (
                  <tr key={c.id}>
                    <td>{c.role.replace(/_/g, ' ')}</td>
                    <td>
                      {c.staffUserId === me?.user.id ? (
                        <span title={`Staff user ${c.staffUserId}`}>{me.user.displayName} (you)</span>
                      ) : (
                        <StaffName id={c.staffUserId} names={staff.names} isPending={staff.isPending} />
                      )}
                    </td>
                    <td>{c.startedOn}</td>
                    <td>{c.endedOn ?? 'current'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>
      <ChartEncounters patientId={p.id} chartNotice={p.part2Notice} />
    </>
  );
}
