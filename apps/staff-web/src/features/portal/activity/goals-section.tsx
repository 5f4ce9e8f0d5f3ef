import { useQuery } from '@tanstack/react-query';

import { api, call, Schemas } from '../../../api/client';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { Card } from '../../../shared/layout';
import { dayWords, portalKey, PortalSectionProps, timeWords } from './portal-data';

type Goal = Schemas['GoalResponseDto'];

const STATUS_WORDS: Record<Goal['status'], string> = {
  active: '◷ In progress',
  achieved: '✓ Achieved',
  discontinued: '✕ Discontinued',
};

/** Goals set with the client and how far along each is (the client and the therapist both record progress). */
export function GoalsSection({ patientId }: PortalSectionProps) {
  const { scope } = useAuth();
  const goals = useQuery({
    queryKey: portalKey(scope, patientId, 'goals'),
    queryFn: () => call(api.GET('/api/v1/patients/{id}/goals', { params: { path: { id: patientId } } })),
  });
  const items = [...(goals.data?.items ?? [])].sort(
    (a, b) => Number(b.status === 'active') - Number(a.status === 'active') || b.updatedAt.localeCompare(a.updatedAt),
  );
  return (
    <Card title="Goals">
      {goals.isPending && <p role="status">Loading goals…</p>}
      {goals.error && <ErrorMessage error={goals.error} />}
      {goals.data && items.length === 0 && <p>No goals yet.</p>}
      {items.length > 0 && (
        <ul className="portal-list">
          {items.map((g) => (
            <li key={g.goalId} className="portal-item">
              <h3 className="portal-item-title">{g.title}</h3>
              <p className="portal-status">
                {STATUS_WORDS[g.status]} · {g.progress}% {g.targetDate ? `· target ${dayWords(g.targetDate)}` : ''}
              </p>
              <progress max={100} value={g.progress} aria-label={`Progress of ${g.title}`}>
                {g.progress}%
              </progress>
              {g.description && <p className="portal-text">{g.description}</p>}
              <p className="muted small">
                Set by {g.createdByKind === 'client' ? 'the client' : 'staff'} · last updated {timeWords(g.updatedAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
