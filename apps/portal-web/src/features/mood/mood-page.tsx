import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';

import { api, call, MoodEntry, Symptom } from '../../api/client';
import { ErrorMessage } from '../../shared/error-message';
import { dayWords } from '../../shared/format';
import { ADMIN_NOTE, PrivacyBadge } from '../../shared/privacy';
import { MoodChart } from './mood-chart';
import { scoreWords, SYMPTOM_WORDS, SYMPTOMS, symptomWords } from './symptoms';

export const SCORES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

/** The check-in form: a score, what the client noticed, a note, and whether the therapist sees it. */
export function MoodForm({ onLogged }: { onLogged?: (e: MoodEntry) => void }) {
  const qc = useQueryClient();
  const [score, setScore] = useState<number>();
  const [symptoms, setSymptoms] = useState<Symptom[]>([]);
  const [note, setNote] = useState('');
  const [shared, setShared] = useState(true);
  const [missingScore, setMissingScore] = useState(false);
  const log = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/portal/mood-entries', {
          body: { score: score!, symptoms, note: note.trim() || undefined, sharedWithClinician: shared },
        }),
      ),
    onSuccess: (entry) => {
      setScore(undefined);
      setSymptoms([]);
      setNote('');
      setShared(true);
      void qc.invalidateQueries();
      onLogged?.(entry);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (score === undefined) {
      setMissingScore(true);
      return;
    }
    setMissingScore(false);
    log.mutate();
  };
  return (
    <form className="stack" onSubmit={submit} aria-labelledby="mood-form-heading">
      <h2 id="mood-form-heading">How are you feeling right now?</h2>
      <fieldset>
        <legend>Your mood, from 1 (very low) to 10 (very good)</legend>
        <div className="score-grid">
          {SCORES.map((s) => (
            <label key={s} className="score-option">
              <input
                type="radio"
                name="score"
                value={s}
                aria-label={`${s} (${scoreWords(s)})`}
                checked={score === s}
                onChange={() => setScore(s)}
              />
              <span aria-hidden="true">{s}</span>
            </label>
          ))}
        </div>
        {missingScore && (
          <p className="field-error" role="alert">
            Choose a number from 1 to 10 for your mood.
          </p>
        )}
      </fieldset>
      <fieldset>
        <legend>Anything you noticed today? (optional)</legend>
        <div className="chip-grid">
          {SYMPTOMS.map((s) => (
            <label key={s} className="chip">
              <input
                type="checkbox"
                checked={symptoms.includes(s)}
                onChange={(e) => setSymptoms((cur) => (e.target.checked ? [...cur, s] : cur.filter((x) => x !== s)))}
              />
              <span>{SYMPTOM_WORDS[s]}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <label htmlFor="mood-note">A note (optional)</label>
      <textarea id="mood-note" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      <div className="share-choice">
        <label className="toggle">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} aria-describedby="mood-share-help" />
          <span>Share this check-in with my therapist</span>
        </label>
        <p id="mood-share-help" className="muted">
          {shared
            ? 'Your therapist will see your score, what you noticed and your note.'
            : 'Your therapist will not see this check-in. It still counts in your own chart.'}{' '}
          You can change this later. {ADMIN_NOTE}
        </p>
      </div>
      <button type="submit" disabled={log.isPending}>
        {log.isPending ? 'Saving…' : 'Save check-in'}
      </button>
      {log.isError && <ErrorMessage error={log.error} />}
      {log.isSuccess && (
        <p role="status" className="success">
          Saved. Thank you for checking in{log.data.sharedWithClinician ? ': your therapist can see it.' : '. It is private.'}
        </p>
      )}
    </form>
  );
}

function EntryRow({ entry }: { entry: MoodEntry }) {
  const qc = useQueryClient();
  const action = entry.sharedWithClinician ? 'Stop sharing with my therapist' : 'Share with my therapist';
  const share = useMutation({
    mutationFn: (next: boolean) =>
      call(
        api.PATCH('/api/v1/portal/mood-entries/{id}', { params: { path: { id: entry.moodEntryId } }, body: { sharedWithClinician: next } }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['mood-entries'] }),
  });
  return (
    <li className="card">
      <p>
        <strong>{dayWords(entry.entryDate, { weekday: true })}</strong>: {entry.score} out of 10 ({scoreWords(entry.score)})
      </p>
      {entry.symptoms.length > 0 && <p>Noticed: {entry.symptoms.map(symptomWords).join(', ')}</p>}
      {entry.note && <p className="note">{entry.note}</p>}
      <p>
        <PrivacyBadge shared={entry.sharedWithClinician} />
      </p>
      <button
        type="button"
        className="secondary"
        aria-label={`${action} (check-in of ${dayWords(entry.entryDate)})`}
        disabled={share.isPending}
        onClick={() => share.mutate(!entry.sharedWithClinician)}
      >
        {action}
      </button>
      {share.isError && <ErrorMessage error={share.error} />}
    </li>
  );
}

export function MoodPage() {
  const trend = useQuery({ queryKey: ['mood-trend'], queryFn: () => call(api.GET('/api/v1/portal/mood-trends')) });
  const entries = useQuery({
    queryKey: ['mood-entries'],
    queryFn: () => call(api.GET('/api/v1/portal/mood-entries', { params: { query: { page: 1, pageSize: 10 } } })),
  });
  return (
    <>
      <h1>Mood</h1>
      <MoodForm />
      <section aria-labelledby="trend-heading">
        <h2 id="trend-heading">Your last 30 days</h2>
        {trend.isPending && <p>Loading your chart…</p>}
        {trend.isError && <ErrorMessage error={trend.error} />}
        {trend.data && <MoodChart trend={trend.data} />}
      </section>
      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">Recent check-ins</h2>
        {entries.isPending && <p>Loading…</p>}
        {entries.isError && <ErrorMessage error={entries.error} />}
        {entries.data && entries.data.items.length === 0 && <p>No check-ins yet.</p>}
        <ul className="cards">
          {entries.data?.items.map((e) => (
            <EntryRow key={e.moodEntryId} entry={e} />
          ))}
        </ul>
      </section>
    </>
  );
}
