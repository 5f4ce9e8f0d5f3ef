import { useQuery } from '@tanstack/react-query';

import { api, call } from '../../../api/client';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { Card } from '../../../shared/layout';
import { symptomWords } from './mood-section';
import { dayWords, portalKey, PortalSectionProps, timeWords } from './portal-data';

/** What the client prepared for the next appointment (topics, feelings, an urgent concern), with recent shared mood. */
export function PrepSection({ patientId, activity }: PortalSectionProps) {
  const { scope } = useAuth();
  const next = activity.upcomingAppointments[0];
  const prep = useQuery({
    queryKey: portalKey(scope, patientId, `prep-${next?.appointmentId ?? 'none'}`),
    queryFn: () =>
      call(
        api.GET('/api/v1/patients/{id}/appointments/{appointmentId}/prep', {
          params: { path: { id: patientId, appointmentId: next!.appointmentId } },
        }),
      ),
    enabled: Boolean(next),
  });
  const p = prep.data?.prep;
  return (
    <Card title="Next appointment">
      {!next && <p>No upcoming appointment.</p>}
      {next && (
        <>
          <p>
            <strong>{timeWords(next.startAt)}</strong> · {next.serviceType.replace(/_/g, ' ')} with {next.providerName ?? 'the provider'} at{' '}
            {next.siteName}
          </p>
          {prep.isPending && <p role="status">Loading the client’s preparation…</p>}
          {prep.error && <ErrorMessage error={prep.error} />}
          {prep.data && !p && <p>The client has not prepared anything for this appointment yet.</p>}
          {p && (
            <>
              {p.urgentConcern && (
                <div className="portal-alert portal-item" role="note">
                  <p>
                    <strong>⚠ Urgent concern from the client:</strong> {p.urgentConcern}
                  </p>
                </div>
              )}
              <h3>Topics the client wants to talk about</h3>
              {p.topics.length ? (
                <ul>
                  {p.topics.map((t, i) => (
                    <li key={i}>{t}</li>
                  ))}
                </ul>
              ) : (
                <p>None listed.</p>
              )}
              <h3>How the client has been feeling</h3>
              <p className="portal-text">{p.recentFeelings ?? 'Not said.'}</p>
              <p className="muted small">Prepared {timeWords(p.updatedAt)}</p>
            </>
          )}
          {prep.data && prep.data.recentMood.length > 0 && (
            <p>
              Shared mood before the appointment: average {prep.data.averageMood ?? '—'} out of 10 (
              {prep.data.recentMood
                .map(
                  (m) =>
                    `${dayWords(m.entryDate)}: ${m.score}${m.symptoms.length ? `, ${m.symptoms.map(symptomWords).join(', ').toLowerCase()}` : ''}`,
                )
                .join('; ')}
              ).
            </p>
          )}
        </>
      )}
      {activity.upcomingAppointments.length > 1 && (
        <p className="muted small">
          Later:{' '}
          {activity.upcomingAppointments
            .slice(1, 4)
            .map((a) => timeWords(a.startAt))
            .join('; ')}
          .
        </p>
      )}
    </Card>
  );
}
