import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';

import { api, call, JournalEntry } from '../../api/client';
import { ErrorMessage } from '../../shared/error-message';
import { dateTimeWords } from '../../shared/format';
import { ADMIN_NOTE, PrivacyBadge } from '../../shared/privacy';

/** A new entry: private unless the client ticks the box, and the page says so before they write. */
export function JournalForm() {
  const qc = useQueryClient();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [shared, setShared] = useState(false);
  const [empty, setEmpty] = useState(false);
  const write = useMutation({
    mutationFn: () =>
      call(api.POST('/api/v1/portal/journal-entries', { body: { title: title.trim() || undefined, body, sharedWithClinician: shared } })),
    onSuccess: () => {
      setTitle('');
      setBody('');
      setShared(false);
      void qc.invalidateQueries({ queryKey: ['journal'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!body.trim()) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    write.mutate();
  };
  return (
    <form className="stack" onSubmit={submit} aria-labelledby="journal-form-heading">
      <h2 id="journal-form-heading">New entry</h2>
      <p className="privacy-default">
        <span aria-hidden="true">⊘ </span>
        <strong>Your journal is private.</strong> Your therapist sees an entry only if you choose to share it.
      </p>
      <label htmlFor="journal-title">Title (optional)</label>
      <input id="journal-title" maxLength={200} value={title} onChange={(e) => setTitle(e.target.value)} />
      <label htmlFor="journal-body">What is on your mind?</label>
      <textarea
        id="journal-body"
        rows={6}
        maxLength={20000}
        value={body}
        aria-describedby={empty ? 'journal-body-error' : undefined}
        aria-invalid={empty ? true : undefined}
        onChange={(e) => setBody(e.target.value)}
      />
      {empty && (
        <p id="journal-body-error" className="field-error" role="alert">
          Write something before you save the entry.
        </p>
      )}
      <div className="share-choice">
        <label className="toggle">
          <input type="checkbox" checked={shared} onChange={(e) => setShared(e.target.checked)} aria-describedby="journal-share-help" />
          <span>Share this entry with my therapist</span>
        </label>
        <p id="journal-share-help" className="muted">
          {shared ? 'Your therapist will be able to read this entry.' : 'Only you will see this entry. Your therapist will not.'} You can
          change this later. {ADMIN_NOTE}
        </p>
      </div>
      <button type="submit" disabled={write.isPending}>
        {write.isPending ? 'Saving…' : shared ? 'Save and share' : 'Save privately'}
      </button>
      {write.isError && <ErrorMessage error={write.error} />}
      {write.isSuccess && (
        <p role="status" className="success">
          Saved{write.data.sharedWithClinician ? ' and shared with your therapist.' : '. Only you can see it.'}
        </p>
      )}
    </form>
  );
}

function Entry({ entry }: { entry: JournalEntry }) {
  const qc = useQueryClient();
  const share = useMutation({
    mutationFn: (next: boolean) =>
      call(
        api.PATCH('/api/v1/portal/journal-entries/{id}', {
          params: { path: { id: entry.journalEntryId } },
          body: { sharedWithClinician: next },
        }),
      ),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['journal'] }),
  });
  const name = entry.title || `entry of ${dateTimeWords(entry.createdAt)}`;
  const action = entry.sharedWithClinician ? 'Make private again' : 'Share with my therapist';
  return (
    <li className="card">
      <h3>{entry.title || 'Untitled entry'}</h3>
      <p className="muted">{dateTimeWords(entry.createdAt)}</p>
      <p className="journal-body">{entry.body}</p>
      <p>
        <PrivacyBadge shared={entry.sharedWithClinician} />
      </p>
      <button
        type="button"
        className="secondary"
        aria-label={`${action} (${name})`}
        disabled={share.isPending}
        onClick={() => share.mutate(!entry.sharedWithClinician)}
      >
        {action}
      </button>
      {share.isError && <ErrorMessage error={share.error} />}
    </li>
  );
}

export function JournalPage() {
  const list = useQuery({
    queryKey: ['journal'],
    queryFn: () => call(api.GET('/api/v1/portal/journal-entries', { params: { query: { page: 1, pageSize: 20 } } })),
  });
  return (
    <>
      <h1>Journal</h1>
      <JournalForm />
      <section aria-labelledby="entries-heading">
        <h2 id="entries-heading">Your entries</h2>
        {list.isPending && <p>Loading…</p>}
        {list.isError && <ErrorMessage error={list.error} />}
        {list.data && list.data.items.length === 0 && <p>No entries yet.</p>}
        <ul className="cards">
          {list.data?.items.map((e) => (
            <Entry key={e.journalEntryId} entry={e} />
          ))}
        </ul>
        {list.data && list.data.total > list.data.items.length && (
          <p className="muted">
            Showing your {list.data.items.length} newest of {list.data.total} entries.
          </p>
        )}
      </section>
    </>
  );
}
