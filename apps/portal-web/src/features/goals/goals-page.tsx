import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';

import { api, call, Goal } from '../../api/client';
import { ErrorMessage } from '../../shared/error-message';
import { dayWords } from '../../shared/format';

export const GOAL_STATUS_WORDS: Record<Goal['status'], string> = {
  active: '◷ Working on it',
  achieved: '★ Achieved',
  discontinued: '✕ Stopped',
};

function ProgressForm({ goal }: { goal: Goal }) {
  const qc = useQueryClient();
  const id = useId();
  const [progress, setProgress] = useState(goal.progress);
  const [note, setNote] = useState('');
  const update = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/portal/goals/{goalId}/progress', {
          params: { path: { goalId: goal.goalId } },
          body: { progress, status: progress === 100 ? 'achieved' : 'active', note: note.trim() || null },
        }),
      ),
    onSuccess: () => {
      setNote('');
      void qc.invalidateQueries({ queryKey: ['goals'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate();
  };
  return (
    <form className="stack" onSubmit={submit} aria-label={`Update progress: ${goal.title}`}>
      <label htmlFor={`${id}-progress`}>How far along are you? {progress}%</label>
      <input
        id={`${id}-progress`}
        type="range"
        min={0}
        max={100}
        step={5}
        value={progress}
        aria-valuetext={`${progress} percent`}
        onChange={(e) => setProgress(Number(e.target.value))}
      />
      <label htmlFor={`${id}-note`}>A note (optional)</label>
      <textarea id={`${id}-note`} rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      <button type="submit" disabled={update.isPending}>
        {progress === 100 ? 'Mark as achieved' : 'Save progress'}
      </button>
      {update.isError && <ErrorMessage error={update.error} />}
      {update.isSuccess && (
        <p role="status" className="success">
          Saved. Your therapist can see your progress.
        </p>
      )}
    </form>
  );
}

function GoalCard({ goal }: { goal: Goal }) {
  const [open, setOpen] = useState(false);
  return (
    <li className="card">
      <h2>{goal.title}</h2>
      <p>
        <span className="badge">{GOAL_STATUS_WORDS[goal.status]}</span>
        {goal.targetDate && <span className="muted"> · aiming for {dayWords(goal.targetDate, { year: true })}</span>}
      </p>
      {goal.description && <p>{goal.description}</p>}
      <div className="progress-row">
        <progress max={100} value={goal.progress} aria-label={`Progress on ${goal.title}`} />
        <span>{goal.progress}%</span>
      </div>
      <p className="muted">{goal.createdByKind === 'client' ? 'You set this goal.' : 'Set with your therapist.'}</p>
      {goal.status === 'active' &&
        (open ? (
          <ProgressForm goal={goal} />
        ) : (
          <button type="button" className="secondary" aria-label={`Update progress: ${goal.title}`} onClick={() => setOpen(true)}>
            Update progress
          </button>
        ))}
    </li>
  );
}

function NewGoalForm() {
  const qc = useQueryClient();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [targetDate, setTargetDate] = useState('');
  const [empty, setEmpty] = useState(false);
  const create = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/portal/goals', {
          body: { title: title.trim(), description: description.trim() || null, targetDate: targetDate || null },
        }),
      ),
    onSuccess: () => {
      setTitle('');
      setDescription('');
      setTargetDate('');
      void qc.invalidateQueries({ queryKey: ['goals'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!title.trim()) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    create.mutate();
  };
  return (
    <details className="card">
      <summary>Add a goal of your own</summary>
      <form className="stack" onSubmit={submit}>
        <label htmlFor="goal-title">Your goal</label>
        <input id="goal-title" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={empty || undefined} />
        {empty && (
          <p className="field-error" role="alert">
            Write your goal in a few words.
          </p>
        )}
        <label htmlFor="goal-description">Details (optional)</label>
        <textarea id="goal-description" rows={2} maxLength={4000} value={description} onChange={(e) => setDescription(e.target.value)} />
        <label htmlFor="goal-target">Aim to reach it by (optional)</label>
        <input id="goal-target" type="date" value={targetDate} onChange={(e) => setTargetDate(e.target.value)} />
        <p className="muted">Your therapist will see this goal and your progress on it.</p>
        <button type="submit" disabled={create.isPending}>
          Add goal
        </button>
        {create.isError && <ErrorMessage error={create.error} />}
      </form>
    </details>
  );
}

export function GoalsPage() {
  const list = useQuery({ queryKey: ['goals'], queryFn: () => call(api.GET('/api/v1/portal/goals')) });
  return (
    <>
      <h1>Goals</h1>
      <p>The goals you and your therapist work on together. Your therapist sees them and your progress.</p>
      {list.isPending && <p>Loading…</p>}
      {list.isError && <ErrorMessage error={list.error} />}
      {list.data && list.data.items.length === 0 && <p>No goals yet.</p>}
      <ul className="cards">
        {list.data?.items.map((g) => (
          <GoalCard key={g.goalId} goal={g} />
        ))}
      </ul>
      <NewGoalForm />
    </>
  );
}
