import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';

import { api, call, ChangeRequest } from '../../api/client';
import { ErrorMessage } from '../../shared/error-message';
import { dateTimeWords } from '../../shared/format';

/** Where a request stands, in words (the API's states: pending -> under_review -> approved | denied). */
export const CHANGE_STATUS_WORDS: Record<string, { label: string; next: string }> = {
  pending: { label: '◷ Sent', next: 'Your clinic has not looked at it yet.' },
  under_review: { label: '◔ Being reviewed', next: 'Someone at your clinic is looking at your request now.' },
  approved: { label: '✓ Approved', next: 'You have a new therapist. They can now see what you share in the portal.' },
  denied: { label: '✕ Not approved', next: 'Your therapist stays the same.' },
};

/** Who sees the request, for either choice, in the same words on the form and on each request. */
export const SENSITIVE_WORDS =
  'Your current therapist is not told about this request and cannot see it. Your clinic’s portal administrators can see it, because they decide on it.';
export const PLAIN_WORDS = 'Your current therapist can see this request and your reason. Your clinic’s portal administrators decide on it.';

function RequestCard({ request }: { request: ChangeRequest }) {
  const words = CHANGE_STATUS_WORDS[request.status] ?? { label: request.status, next: '' };
  return (
    <li className="card">
      <h3>Request of {dateTimeWords(request.requestedAt)}</h3>
      <p>
        <span className="badge">{words.label}</span> {words.next}
      </p>
      {request.status === 'denied' && request.denialReason && (
        <div className="feedback">
          <h4>Why, from your clinic</h4>
          <p className="note">{request.denialReason}</p>
        </div>
      )}
      <p className="note">
        <strong>Your reason:</strong> {request.reason}
      </p>
      <p>
        {request.sensitive ? (
          <span className="badge private">
            <span aria-hidden="true">⊘ </span>Kept from your current therapist
          </span>
        ) : (
          <span className="badge shared">
            <span aria-hidden="true">✓ </span>Your current therapist can see it
          </span>
        )}
      </p>
      {request.decidedAt && <p className="muted">Decided {dateTimeWords(request.decidedAt)}.</p>}
    </li>
  );
}

function RequestForm() {
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const [sensitive, setSensitive] = useState(false);
  const [empty, setEmpty] = useState(false);
  const submit = useMutation({
    mutationFn: () => call(api.POST('/api/v1/portal/change-requests', { body: { reason: reason.trim(), sensitive } })),
    onSuccess: () => {
      setReason('');
      setSensitive(false);
      void qc.invalidateQueries({ queryKey: ['change-requests'] });
    },
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) {
      setEmpty(true);
      return;
    }
    setEmpty(false);
    submit.mutate();
  };
  return (
    <form className="stack card" onSubmit={onSubmit} aria-labelledby="change-form-title">
      <h2 id="change-form-title">Ask for a different therapist</h2>
      <label htmlFor="change-reason">Why would you like a change?</label>
      <textarea
        id="change-reason"
        rows={4}
        maxLength={4000}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-invalid={empty || undefined}
        aria-describedby={empty ? 'change-reason-error' : undefined}
      />
      {empty && (
        <p className="field-error" id="change-reason-error" role="alert">
          Tell your clinic in a few words why you would like a change.
        </p>
      )}
      <div className="share-choice">
        <label className="toggle">
          <input
            type="checkbox"
            checked={sensitive}
            onChange={(e) => setSensitive(e.target.checked)}
            aria-describedby="change-sensitive-words"
          />
          Keep this request from my current therapist
        </label>
        <p id="change-sensitive-words">
          {sensitive ? (
            <>
              <strong>On:</strong> {SENSITIVE_WORDS}
            </>
          ) : (
            <>
              <strong>Off:</strong> {PLAIN_WORDS}
            </>
          )}
        </p>
        <p className="muted">Turn this on if the reason is about your therapist, for example something that made you feel unsafe.</p>
      </div>
      <button type="submit" disabled={submit.isPending}>
        Send request
      </button>
      {submit.isError && <ErrorMessage error={submit.error} />}
    </form>
  );
}

export function ChangeTherapistPage() {
  const list = useQuery({
    queryKey: ['change-requests'],
    queryFn: () => call(api.GET('/api/v1/portal/change-requests', { params: { query: { pageSize: 50 } } })),
  });
  const items = list.data?.items ?? [];
  const open = items.find((r) => r.status === 'pending' || r.status === 'under_review');
  return (
    <>
      <h1>Change therapist</h1>
      <p>
        You can ask your clinic for a different therapist at any time. Your clinic’s portal administrators read your request and decide;
        when they approve it, they choose your new therapist and you will see it here.
      </p>
      {list.isPending && <p>Loading…</p>}
      {list.isError && <ErrorMessage error={list.error} />}
      {list.isSuccess &&
        (open ? (
          <p role="status" className="success">
            Your request is waiting for a decision. You can send another one once it is decided.
          </p>
        ) : (
          <RequestForm />
        ))}
      {items.length > 0 && (
        <>
          <h2>Your requests</h2>
          <ul className="cards">
            {items.map((r) => (
              <RequestCard key={r.changeRequestId} request={r} />
            ))}
          </ul>
        </>
      )}
      {list.isSuccess && items.length === 0 && <p className="muted">You have not asked for a change before.</p>}
    </>
  );
}
