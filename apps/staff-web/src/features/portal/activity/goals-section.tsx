import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';

import { api, call, Schemas } from '../../../api/client';
import { fieldErrorOf } from '../../../api/problem';
import { useAuth } from '../../../shared/auth';
import { Button } from '../../../shared/button';
import { ErrorMessage } from '../../../shared/error-message';
import { Field } from '../../../shared/field';
import { Card } from '../../../shared/layout';
import { Modal } from '../../../shared/modal';
import { dayWords, portalKey, PortalSectionProps, timeWords } from './portal-data';

type Goal = Schemas['GoalResponseDto'];

const STATUS_WORDS: Record<Goal['status'], string> = {
  active: '◷ In progress',
  achieved: '✓ Achieved',
  discontinued: '✕ Discontinued',
};

/** Progress recorded with the client in session: a percentage, whether the goal is still active, and a note. */
function ProgressDialog({ patientId, goal, onClose }: { patientId: string; goal: Goal; onClose(): void }) {
  const { scope } = useAuth();
  const client = useQueryClient();
  const [progress, setProgress] = useState(String(goal.progress));
  const [status, setStatus] = useState<Goal['status']>('active');
  const [note, setNote] = useState('');
  const [local, setLocal] = useState<string>();
  const record = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/patients/{id}/goals/{goalId}/progress', {
          params: { path: { id: patientId, goalId: goal.goalId } },
          body: { progress: Number(progress), status, ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      ),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: portalKey(scope, patientId, 'goals') });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = Number(progress);
    const problem =
      progress.trim() === '' || !Number.isInteger(n) || n < 0 || n > 100
        ? 'Progress is a whole number from 0 to 100.'
        : status === 'achieved' && n !== 100
          ? 'An achieved goal is at 100%.'
          : undefined;
    setLocal(problem);
    if (!problem) record.mutate();
  };
  const errors = {
    progress: local ?? fieldErrorOf(record.error, 'progress'),
    status: fieldErrorOf(record.error, 'status'),
    note: fieldErrorOf(record.error, 'note'),
  };
  const named = Boolean(errors.status || errors.note || fieldErrorOf(record.error, 'progress'));
  return (
    <Modal
      title={`Progress on “${goal.title}”`}
      description={<p>The client sees the progress and your note in the portal, under Goals.</p>}
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate className="dialog-form" aria-label={`Progress on ${goal.title}`}>
        <Field id="goal-progress" label="Progress (%)" hint="0 to 100." error={errors.progress}>
          <input
            id="goal-progress"
            type="number"
            inputMode="numeric"
            min={0}
            max={100}
            step={1}
            value={progress}
            onChange={(e) => setProgress(e.target.value)}
            aria-invalid={Boolean(errors.progress)}
            aria-describedby={Field.describedBy('goal-progress', { hint: true, error: errors.progress })}
          />
        </Field>
        <Field id="goal-status" label="The goal is" error={errors.status}>
          <select
            id="goal-status"
            value={status}
            onChange={(e) => {
              const next = e.target.value as Goal['status'];
              setStatus(next);
              if (next === 'achieved') setProgress('100');
            }}
            aria-invalid={Boolean(errors.status)}
            aria-describedby={Field.describedBy('goal-status', { error: errors.status })}
          >
            <option value="active">Still in progress</option>
            <option value="achieved">Achieved</option>
            <option value="discontinued">Discontinued</option>
          </select>
        </Field>
        <Field id="goal-note" label="A note (optional)" error={errors.note}>
          <textarea
            id="goal-note"
            rows={3}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={Boolean(errors.note)}
            aria-describedby={Field.describedBy('goal-note', { error: errors.note })}
          />
        </Field>
        {record.error && !named && <ErrorMessage error={record.error} />}
        <div className="dialog-actions">
          <Button type="submit" disabled={record.isPending}>
            {record.isPending ? 'Saving…' : 'Save progress'}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
        </div>
      </form>
    </Modal>
  );
}

/** Goals set with the client and how far along each is (the client and the therapist both record progress). */
export function GoalsSection({ patientId }: PortalSectionProps) {
  const { scope, permissions } = useAuth();
  const [recording, setRecording] = useState<Goal | null>(null);
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
              {g.status === 'active' && permissions.has('portal.goals.manage') && (
                <div className="portal-item-actions">
                  <Button variant="secondary" onClick={() => setRecording(g)} aria-label={`Record progress: ${g.title}`}>
                    Record progress
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {recording && <ProgressDialog patientId={patientId} goal={recording} onClose={() => setRecording(null)} />}
    </Card>
  );
}
