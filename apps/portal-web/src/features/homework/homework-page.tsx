import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useId, useState } from 'react';

import { api, call, Homework, uploadFile } from '../../api/client';
import { fieldErrorOf } from '../../api/problem';
import { ErrorMessage } from '../../shared/error-message';
import { dayWords } from '../../shared/format';
import { groupHomework, HOMEWORK_TYPE_WORDS, homeworkState } from './homework-words';

export const ACCEPTED_FILES = '.pdf,.png,.jpg,.jpeg,.gif,.webp,.txt,.docx,application/pdf,image/*,text/plain';

/** Hand in one piece of homework: a note and, if the client wants, a file (uploaded first, then named by id). */
function CompleteForm({ homework, onDone }: { homework: Homework; onDone: () => void }) {
  const qc = useQueryClient();
  const id = useId();
  const [note, setNote] = useState('');
  const [file, setFile] = useState<File>();
  const complete = useMutation({
    mutationFn: async () => {
      const uploaded = file ? await uploadFile(file, true) : undefined;
      return call(
        api.POST('/api/v1/portal/homework/{homeworkId}/complete', {
          params: { path: { homeworkId: homework.homeworkId } },
          body: { note: note.trim() || null, fileId: uploaded?.fileId ?? null },
        }),
      );
    },
    onSuccess: () => {
      void qc.invalidateQueries();
      onDone();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    complete.mutate();
  };
  const fileError = fieldErrorOf(complete.error, 'fileId') ?? fieldErrorOf(complete.error, 'file');
  return (
    <form className="stack" onSubmit={submit} aria-label={`Hand in: ${homework.title}`}>
      <label htmlFor={`${id}-note`}>A note for your therapist (optional)</label>
      <textarea id={`${id}-note`} rows={3} maxLength={4000} value={note} onChange={(e) => setNote(e.target.value)} />
      <label htmlFor={`${id}-file`}>Attach your worksheet or a photo of it (optional)</label>
      <input id={`${id}-file`} type="file" accept={ACCEPTED_FILES} onChange={(e) => setFile(e.target.files?.[0] ?? undefined)} />
      <p className="muted">Your therapist will see your note and the file you attach. PDF, pictures, text or Word files, up to 10 MB.</p>
      <button type="submit" disabled={complete.isPending}>
        {complete.isPending ? 'Handing in…' : 'Mark as done'}
      </button>
      {complete.isError && (fileError ? <p className="field-error">{fileError}</p> : <ErrorMessage error={complete.error} />)}
    </form>
  );
}

function HomeworkCard({ homework, onHandedIn }: { homework: Homework; onHandedIn?: (title: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <li className="card">
      <h3>{homework.title}</h3>
      <p className="muted">
        {HOMEWORK_TYPE_WORDS[homework.homeworkType]} · due {dayWords(homework.dueOn, { weekday: true })}
      </p>
      <p>
        <span className={homework.overdue ? 'badge overdue' : 'badge'}>{homeworkState(homework)}</span>
      </p>
      {homework.description && <p>{homework.description}</p>}
      {homework.completionNote && (
        <p>
          <strong>Your note:</strong> {homework.completionNote}
        </p>
      )}
      {homework.submissionFileId && <p>You attached a file.</p>}
      {homework.status === 'reviewed' && (
        <div className="feedback">
          <h4>Feedback from your therapist</h4>
          <p>{homework.feedback || 'Your therapist reviewed this without a comment.'}</p>
        </div>
      )}
      {homework.status === 'assigned' &&
        (open ? (
          <CompleteForm homework={homework} onDone={() => onHandedIn?.(homework.title)} />
        ) : (
          <button type="button" aria-label={`Hand in: ${homework.title}`} onClick={() => setOpen(true)}>
            Hand in
          </button>
        ))}
    </li>
  );
}

export function HomeworkPage() {
  const list = useQuery({
    queryKey: ['homework'],
    queryFn: () => call(api.GET('/api/v1/portal/homework', { params: { query: { page: 1, pageSize: 100 } } })),
  });
  const groups = list.data ? groupHomework(list.data.items) : undefined;
  const [handedIn, setHandedIn] = useState<string>();
  return (
    <>
      <h1>Homework</h1>
      <p>What your therapist asked you to try between sessions. Everything here is shared with your therapist.</p>
      {list.isPending && <p>Loading…</p>}
      {list.isError && <ErrorMessage error={list.error} />}
      <div role="status">
        {handedIn && <p className="success">“{handedIn}” is handed in. Your therapist can now see it and will give you feedback.</p>}
      </div>
      {groups && (
        <>
          <section aria-labelledby="todo-heading">
            <h2 id="todo-heading">To do ({groups.todo.length})</h2>
            {groups.todo.length === 0 && <p>Nothing to do right now.</p>}
            <ul className="cards">
              {groups.todo.map((h) => (
                <HomeworkCard key={h.homeworkId} homework={h} onHandedIn={setHandedIn} />
              ))}
            </ul>
          </section>
          <section aria-labelledby="feedback-heading">
            <h2 id="feedback-heading">Feedback from your therapist ({groups.feedback.length})</h2>
            {groups.feedback.length === 0 && <p>No feedback yet.</p>}
            <ul className="cards">
              {groups.feedback.map((h) => (
                <HomeworkCard key={h.homeworkId} homework={h} />
              ))}
            </ul>
          </section>
          <section aria-labelledby="waiting-heading">
            <h2 id="waiting-heading">Handed in, waiting for feedback ({groups.waiting.length})</h2>
            {groups.waiting.length === 0 && <p>Nothing waiting.</p>}
            <ul className="cards">
              {groups.waiting.map((h) => (
                <HomeworkCard key={h.homeworkId} homework={h} />
              ))}
            </ul>
          </section>
        </>
      )}
    </>
  );
}
