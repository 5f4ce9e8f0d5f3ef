import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { api, call, Schemas } from '../../../api/client';
import { useAuth } from '../../../shared/auth';
import { Button } from '../../../shared/button';
import { ErrorMessage } from '../../../shared/error-message';
import { Card } from '../../../shared/layout';
import { portalKey, PortalSectionProps, timeWords } from './portal-data';

type CrisisAlert = Schemas['CrisisAlertResponseDto'];

function AlertItem({ patientId, alert }: { patientId: string; alert: CrisisAlert }) {
  const { scope, permissions } = useAuth();
  const client = useQueryClient();
  const acknowledge = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/patients/{id}/crisis-alerts/{alertId}/acknowledge', {
          params: { path: { id: patientId, alertId: alert.alertId } },
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: portalKey(scope, patientId, 'crisis') }),
  });
  return (
    <li className={`portal-item${alert.acknowledgedAt ? '' : ' portal-alert'}`}>
      <h3 className="portal-item-title">
        {alert.live ? '⚠ Ongoing: ' : ''}
        {alert.openCount} opens of the crisis toolkit from {timeWords(alert.firstOpenAt)} to {timeWords(alert.lastOpenAt)}
      </h3>
      <p className="portal-status">
        {alert.acknowledgedAt
          ? `✓ Acknowledged ${timeWords(alert.acknowledgedAt)}`
          : `◷ Not acknowledged yet (raised ${timeWords(alert.raisedAt)})`}
      </p>
      {!alert.acknowledgedAt && permissions.has('portal.crisis-toolkit.manage') && (
        <div className="portal-item-actions">
          <Button onClick={() => acknowledge.mutate()} disabled={acknowledge.isPending}>
            {acknowledge.isPending ? 'Acknowledging…' : 'Acknowledge: I will reach out'}
          </Button>
        </div>
      )}
      {acknowledge.error && <ErrorMessage error={acknowledge.error} />}
    </li>
  );
}

/**
 * Crisis alerts: the client opened their crisis toolkit three times within seven days. Nothing was done to the
 * client; the therapist acknowledges the alert and reaches out.
 */
export function CrisisAlertsSection({ patientId, activity }: PortalSectionProps) {
  const { scope } = useAuth();
  const usage = useQuery({
    queryKey: portalKey(scope, patientId, 'crisis'),
    queryFn: () => call(api.GET('/api/v1/patients/{id}/crisis-toolkit/usage', { params: { path: { id: patientId } } })),
  });
  // Counted back from when the tab's overview was read (a render stays pure).
  const weekAgo = Date.parse(activity.generatedAt) - 7 * 86_400_000;
  const recentOpens = usage.data?.opens.filter((o) => Date.parse(o.openedAt) >= weekAgo).length ?? 0;
  const alerts = [...(usage.data?.alerts ?? [])].sort(
    (a, b) => Number(a.acknowledgedAt !== null) - Number(b.acknowledgedAt !== null) || b.raisedAt.localeCompare(a.raisedAt),
  );
  return (
    <Card title="Crisis alerts">
      <p className="muted small">
        An alert is raised when the client opens their crisis toolkit three times within seven days. The client is not told; reach out to
        them.
      </p>
      {usage.isPending && <p role="status">Loading crisis alerts…</p>}
      {usage.error && <ErrorMessage error={usage.error} />}
      {usage.data && (
        <p>
          The client opened the crisis toolkit {recentOpens === 0 ? 'no times' : recentOpens === 1 ? 'once' : `${recentOpens} times`} in the
          last 7 days.
        </p>
      )}
      {usage.data && alerts.length === 0 && <p>No crisis alerts.</p>}
      {alerts.length > 0 && (
        <ul className="portal-list">
          {alerts.map((a) => (
            <AlertItem key={a.alertId} patientId={patientId} alert={a} />
          ))}
        </ul>
      )}
    </Card>
  );
}
