import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';

import { api, call } from '../../../api/client';
import { fieldErrorOf } from '../../../api/problem';
import { useAuth } from '../../../shared/auth';
import { Button } from '../../../shared/button';
import { ErrorMessage } from '../../../shared/error-message';
import { Field } from '../../../shared/field';
import { Card } from '../../../shared/layout';
import { Modal } from '../../../shared/modal';
import { AssignHomeworkDialog } from './assign-homework-dialog';
import { dayWords, downloadPortalFile, Homework, homeworkTypeWords, portalKey, PortalSectionProps, timeWords } from './portal-data';

/** Where a homework stands, with a symbol and words (never colour alone). */
export function homeworkStatusWords(h: Homework): string {
  switch (h.status) {
    case 'assigned':
      return h.overdue ? `⚠ Overdue: was due ${dayWords(h.dueOn)}` : `◷ To do, due ${dayWords(h.dueOn)}`;
    case 'completed':
      return `✓ Handed in ${h.completedAt ? timeWords(h.completedAt) : ''}: waiting for your review`.replace('  ', ' ');
    case 'reviewed':
      return `✓ Reviewed ${h.reviewedAt ? timeWords(h.reviewedAt) : ''}`.trim();
    case 'cancelled':
      return '✕ Cancelled';
  }
}

const ORDER: Record<Homework['status'], number> = { completed: 0, assigned: 1, reviewed: 2, cancelled: 3 };

function DownloadButton({ patientId, homework }: { patientId: string; homework: Homework }) {
  const download = useMutation({
    mutationFn: () => downloadPortalFile(patientId, homework.submissionFileId!, `${homework.title} (handed in)`),
  });
  return (
    <>
      <Button variant="secondary" onClick={() => download.mutate()} disabled={download.isPending}>
        {download.isPending ? 'Downloading…' : 'Download the handed-in file'}
      </Button>
      {download.error && <ErrorMessage error={download.error} />}
    </>
  );
}

function ReviewDialog({ patientId, homework, onClose }: { patientId: string; homework: Homework; onClose(): void }) {
  const { scope } = useAuth();
  const client = useQueryClient();
  const [feedback, setFeedback] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const review = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/patients/{id}/homework/{homeworkId}/review', {
          params: { path: { id: patientId, homeworkId: homework.homeworkId } },
          body: { feedback },
        }),
      ),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: portalKey(scope, patientId, 'homework') });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!feedback.trim()) return setTooShort(true);
    setTooShort(false);
    review.mutate();
  };
  const error = (tooShort ? 'Write your feedback for the client.' : undefined) ?? fieldErrorOf(review.error, 'feedback');
  return (
    <Modal
      title={`Review “${homework.title}”`}
      description={<p>The client sees your feedback in the portal, under Homework. A review cannot be changed afterwards.</p>}
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate className="dialog-form" aria-label={`Review ${homework.title}`}>
        <p>
          <strong>The client’s note:</strong> {homework.completionNote ?? 'No note.'}
        </p>
        {homework.submissionFileId && <DownloadButton patientId={patientId} homework={homework} />}
        <Field id="homework-feedback" label="Your feedback" error={error}>
          <textarea
            id="homework-feedback"
            rows={5}
            maxLength={4000}
            value={feedback}
            onChange={(e) => setFeedback(e.target.value)}
            aria-invalid={Boolean(error)}
            aria-describedby={Field.describedBy('homework-feedback', { error })}
          />
        </Field>
        {review.error && !fieldErrorOf(review.error, 'feedback') && <ErrorMessage error={review.error} />}
        <div className="dialog-actions">
          <Button type="submit" disabled={review.isPending}>
            {review.isPending ? 'Sending…' : 'Send feedback'}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
        </div>
      </form>
    </Modal>
  );
}

function CancelDialog({ patientId, homework, onClose }: { patientId: string; homework: Homework; onClose(): void }) {
  const { scope } = useAuth();
  const client = useQueryClient();
  const cancel = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/patients/{id}/homework/{homeworkId}/cancel', {
          params: { path: { id: patientId, homeworkId: homework.homeworkId } },
        }),
      ),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: portalKey(scope, patientId, 'homework') });
      onClose();
    },
  });
  return (
    <Modal
      title={`Cancel “${homework.title}”?`}
      description={<p>The client will no longer see it as something to do.</p>}
      onClose={onClose}
    >
      {cancel.error && <ErrorMessage error={cancel.error} />}
      <div className="dialog-actions">
        <Button variant="danger" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
          {cancel.isPending ? 'Cancelling…' : 'Cancel the homework'}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          Keep it
        </Button>
      </div>
    </Modal>
  );
}

/**
 * Homework: what the therapist assigned and where each stands, handed-in work first (the client's note and file,
 * then "Review" to send feedback), then what is still to do (overdue marked), then reviewed and cancelled ones.
 */
export function HomeworkSection({ patientId, activity }: PortalSectionProps) {
  const { scope, permissions } = useAuth();
  const canManage = permissions.has('portal.homework.manage');
  const [dialog, setDialog] = useState<{ kind: 'assign' } | { kind: 'review' | 'cancel'; homework: Homework } | null>(null);
  const [notice, setNotice] = useState<{ text: string; error?: unknown } | null>(null);
  const list = useQuery({
    queryKey: portalKey(scope, patientId, 'homework'),
    queryFn: () =>
      call(api.GET('/api/v1/patients/{id}/homework', { params: { path: { id: patientId }, query: { page: 1, pageSize: 100 } } })),
  });
  const items = [...(list.data?.items ?? [])].sort((a, b) => ORDER[a.status] - ORDER[b.status] || a.dueOn.localeCompare(b.dueOn));
  return (
    <Card
      title="Homework"
      actions={
        canManage && (
          <Button variant="secondary" onClick={() => setDialog({ kind: 'assign' })}>
            Assign homework
          </Button>
        )
      }
    >
      {notice && (
        <div role="status">
          <p className="success">{notice.text}</p>
          {notice.error !== undefined && <ErrorMessage error={notice.error} />}
        </div>
      )}
      {list.isPending && <p role="status">Loading homework…</p>}
      {list.error && <ErrorMessage error={list.error} />}
      {list.data && items.length === 0 && <p>No homework assigned yet.</p>}
      {items.length > 0 && (
        <ul className="portal-list">
          {items.map((h) => (
            <li key={h.homeworkId} className="portal-item">
              <h3 className="portal-item-title">{h.title}</h3>
              <p className={`portal-status portal-status-${h.overdue ? 'overdue' : h.status}`}>{homeworkStatusWords(h)}</p>
              <p className="muted small">
                {homeworkTypeWords(h.homeworkType)} · assigned {timeWords(h.assignedAt)} · due {dayWords(h.dueOn)}
              </p>
              <p className="portal-text">{h.description}</p>
              {(h.status === 'completed' || h.status === 'reviewed') && (
                <p className="portal-text">
                  <strong>The client’s note:</strong> {h.completionNote ?? 'No note.'}
                </p>
              )}
              {h.status === 'reviewed' && (
                <p className="portal-text">
                  <strong>Your feedback:</strong> {h.feedback || 'Reviewed without a comment.'}
                </p>
              )}
              <div className="portal-item-actions">
                {h.submissionFileId && <DownloadButton patientId={patientId} homework={h} />}
                {canManage && h.status === 'completed' && (
                  <Button onClick={() => setDialog({ kind: 'review', homework: h })} aria-label={`Review and give feedback: ${h.title}`}>
                    Review and give feedback
                  </Button>
                )}
                {canManage && h.status === 'assigned' && (
                  <Button variant="quiet" onClick={() => setDialog({ kind: 'cancel', homework: h })} aria-label={`Cancel: ${h.title}`}>
                    Cancel
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      {list.data && list.data.total > list.data.items.length && (
        <p className="muted small">
          The {list.data.items.length} most recent of {list.data.total}.
        </p>
      )}
      {dialog?.kind === 'assign' && (
        <AssignHomeworkDialog
          patientId={patientId}
          today={activity.today}
          onClose={() => setDialog(null)}
          onAssigned={(text, error) => {
            setDialog(null);
            setNotice({ text, error });
          }}
        />
      )}
      {dialog?.kind === 'review' && <ReviewDialog patientId={patientId} homework={dialog.homework} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'cancel' && <CancelDialog patientId={patientId} homework={dialog.homework} onClose={() => setDialog(null)} />}
    </Card>
  );
}
