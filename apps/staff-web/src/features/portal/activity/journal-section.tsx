import { useQuery } from '@tanstack/react-query';

import { api, call } from '../../../api/client';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { Card } from '../../../shared/layout';
import { NOT_SHARED, portalKey, PortalSectionProps, timeWords, useSeesUnshared } from './portal-data';

/** The journal entries the client chose to share (the journal is private by default; the API returns only shared ones). */
export function JournalSection({ patientId }: PortalSectionProps) {
  const { scope } = useAuth();
  const seesUnshared = useSeesUnshared();
  const journal = useQuery({
    queryKey: portalKey(scope, patientId, 'journal'),
    queryFn: () =>
      call(api.GET('/api/v1/patients/{id}/journal-entries', { params: { path: { id: patientId }, query: { page: 1, pageSize: 10 } } })),
  });
  return (
    <Card title={seesUnshared ? 'Journal entries' : 'Shared journal entries'}>
      <p className="muted small">
        The client’s journal is private unless they share an entry.{' '}
        {seesUnshared ? 'As a portal administrator you see every entry.' : 'Only shared entries are shown.'}
      </p>
      {journal.isPending && <p role="status">Loading journal entries…</p>}
      {journal.error && <ErrorMessage error={journal.error} />}
      {journal.data && journal.data.items.length === 0 && (
        <p>{seesUnshared ? 'No journal entries.' : 'The client has not shared any journal entries.'}</p>
      )}
      {journal.data && journal.data.items.length > 0 && (
        <ul className="portal-list">
          {journal.data.items.map((j) => (
            <li key={j.journalEntryId} className="portal-item">
              <h3 className="portal-item-title">{j.title ?? 'Untitled entry'}</h3>
              <p className="muted small">
                Written {timeWords(j.createdAt)}
                {!j.sharedWithClinician && ` · ${NOT_SHARED}`}
              </p>
              <p className="portal-text">{j.body}</p>
            </li>
          ))}
        </ul>
      )}
      {journal.data && journal.data.total > journal.data.items.length && (
        <p className="muted small">
          The latest {journal.data.items.length} of {journal.data.total} shared entries.
        </p>
      )}
    </Card>
  );
}
