import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';

import { api, call } from '../../../api/client';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { isRefusal } from '../../../shared/refusal';
import { portalKey, useSeesUnshared } from './portal-data';
import { PORTAL_ACTIVITY_SECTIONS } from './portal-sections';

/**
 * The chart's "Portal activity" tab (seed §2 A): what the client did in the portal and shared with their therapist,
 * and the therapist's portal actions. The chart's frame (name, MRN, Part 2 notice) is above it. The overview
 * (`GET /patients/:id/portal-activity`) is read first: its 403 (no permission) or 404 (not the client's primary
 * therapist nor a portal admin) is the tab's only content, so no section invites more refusals.
 */
export function PortalActivityTab() {
  const { id = '' } = useParams();
  const { scope, permissions } = useAuth();
  const overview = useQuery({
    queryKey: portalKey(scope, id, 'activity'),
    queryFn: () => call(api.GET('/api/v1/patients/{id}/portal-activity', { params: { path: { id } } })),
  });
  const seesUnshared = useSeesUnshared();
  const sections = PORTAL_ACTIVITY_SECTIONS.filter((s) => !s.permission || permissions.has(s.permission));
  return (
    <section className="portal-tab" aria-labelledby="portal-tab-heading">
      <h2 id="portal-tab-heading">Portal activity</h2>
      {overview.isPending && <p role="status">Loading the portal activity…</p>}
      {overview.error && (
        <>
          <ErrorMessage error={overview.error} />
          {!isRefusal(overview.error) && (
            <p className="muted">
              A client’s portal activity is open to their primary therapist (what the client chose to share) and to portal administrators.
            </p>
          )}
        </>
      )}
      {overview.data && (
        <>
          <p className="page-description">
            {seesUnshared
              ? 'What the client recorded in the portal and what their therapist sends them. As a portal administrator you also see what the client did not share with their therapist; it is marked “Not shared with the therapist”.'
              : 'What the client recorded in the portal and chose to share with their therapist, and what you send them. Anything the client kept private is not shown here.'}
          </p>
          <nav className="portal-tab-index" aria-label="On this tab">
            <ul>
              {sections.map((s) => (
                <li key={s.key}>
                  <a href={`#portal-${s.key}`}>{s.title}</a>
                </li>
              ))}
            </ul>
          </nav>
          {sections.map(({ key, Section }) => (
            <div key={key} id={`portal-${key}`} className="portal-tab-section">
              <Section patientId={id} activity={overview.data} />
            </div>
          ))}
        </>
      )}
    </section>
  );
}
