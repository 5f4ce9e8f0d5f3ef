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
import { dayWords, portalKey, PortalPrompt, PortalSectionProps, timeWords } from './portal-data';

const KIND_WORDS: Record<PortalPrompt['kind'], string> = {
  daily_prompt: 'Daily question',
  check_in: 'One-time check-in',
};

function SendPromptDialog({
  patientId,
  today,
  onClose,
  onSent,
}: {
  patientId: string;
  today: string;
  onClose(): void;
  onSent(q: string): void;
}) {
  const { scope } = useAuth();
  const client = useQueryClient();
  const [kind, setKind] = useState<PortalPrompt['kind']>('check_in');
  const [question, setQuestion] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const [local, setLocal] = useState<{ question?: string; endsOn?: string }>({});
  const send = useMutation({
    mutationFn: () =>
      call(
        api.POST('/api/v1/patients/{id}/portal-prompts', {
          params: { path: { id: patientId } },
          body: { kind, question: question.trim(), ...(kind === 'daily_prompt' && endsOn ? { endsOn } : {}) },
        }),
      ),
    onSuccess: async (p) => {
      await client.invalidateQueries({ queryKey: portalKey(scope, patientId, 'prompts') });
      onSent(p.question);
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found: typeof local = {};
    if (!question.trim()) found.question = 'Write the question for the client.';
    if (kind === 'daily_prompt' && endsOn && endsOn < today) found.endsOn = 'The last day cannot be in the past.';
    setLocal(found);
    if (!found.question && !found.endsOn) send.mutate();
  };
  const errors = {
    question: local.question ?? fieldErrorOf(send.error, 'question'),
    endsOn: local.endsOn ?? fieldErrorOf(send.error, 'endsOn')?.replace(/^Ends on\b/, 'The last day'),
    kind: fieldErrorOf(send.error, 'kind'),
  };
  const named = Boolean(fieldErrorOf(send.error, 'question') || fieldErrorOf(send.error, 'endsOn') || errors.kind);
  return (
    <Modal
      title="Send a question"
      description={<p>The client sees the question in the portal and can answer it. You will see their answers here.</p>}
      onClose={onClose}
    >
      <form onSubmit={submit} noValidate className="dialog-form" aria-label="Send a question">
        <fieldset className="portal-choice">
          <legend>How often</legend>
          <label>
            <input type="radio" name="prompt-kind" checked={kind === 'check_in'} onChange={() => setKind('check_in')} /> Once (a check-in)
          </label>
          <label>
            <input type="radio" name="prompt-kind" checked={kind === 'daily_prompt'} onChange={() => setKind('daily_prompt')} /> Every day
            (a daily question)
          </label>
          {errors.kind && <p className="field-error">⚠ {errors.kind}</p>}
        </fieldset>
        <Field id="prompt-question" label="Question" hint="At most 500 characters." error={errors.question}>
          <textarea
            id="prompt-question"
            rows={3}
            maxLength={500}
            value={question}
            onChange={(e) => setQuestion(e.target.value)}
            aria-invalid={Boolean(errors.question)}
            aria-describedby={Field.describedBy('prompt-question', { hint: true, error: errors.question })}
          />
        </Field>
        {kind === 'daily_prompt' && (
          <Field id="prompt-ends" label="Last day to ask (optional)" hint="Leave empty to ask until you close it." error={errors.endsOn}>
            <input
              id="prompt-ends"
              type="date"
              min={today}
              value={endsOn}
              onChange={(e) => setEndsOn(e.target.value)}
              aria-invalid={Boolean(errors.endsOn)}
              aria-describedby={Field.describedBy('prompt-ends', { hint: true, error: errors.endsOn })}
            />
          </Field>
        )}
        {send.error && !named && <ErrorMessage error={send.error} />}
        <div className="dialog-actions">
          <Button type="submit" disabled={send.isPending}>
            {send.isPending ? 'Sending…' : 'Send'}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            Close
          </Button>
        </div>
      </form>
    </Modal>
  );
}

/** Daily questions and check-ins sent to the client through the portal, and the client's answers. */
export function PromptsSection({ patientId, activity }: PortalSectionProps) {
  const { scope, permissions } = useAuth();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState<string | null>(null);
  const prompts = useQuery({
    queryKey: portalKey(scope, patientId, 'prompts'),
    queryFn: () => call(api.GET('/api/v1/patients/{id}/portal-prompts', { params: { path: { id: patientId } } })),
  });
  const items = [...(prompts.data ?? [])].sort((a, b) => Number(b.open) - Number(a.open) || b.createdAt.localeCompare(a.createdAt));
  return (
    <Card
      title="Prompts and check-ins"
      actions={
        permissions.has('portal.prompts.manage') && (
          <Button variant="secondary" onClick={() => setOpen(true)}>
            Send a question
          </Button>
        )
      }
    >
      {sent && (
        <p role="status" className="success">
          Sent: “{sent}”. The client sees it in the portal.
        </p>
      )}
      {prompts.isPending && <p role="status">Loading prompts…</p>}
      {prompts.error && <ErrorMessage error={prompts.error} />}
      {prompts.data && items.length === 0 && <p>No questions sent yet.</p>}
      {items.length > 0 && (
        <ul className="portal-list">
          {items.slice(0, 10).map((p) => (
            <li key={p.promptId} className="portal-item">
              <h3 className="portal-item-title">{p.question}</h3>
              <p className="muted small">
                {KIND_WORDS[p.kind]} · sent {timeWords(p.createdAt)} ·{' '}
                {p.open ? (p.endsOn ? `open until ${dayWords(p.endsOn)}` : 'open') : 'closed'}
              </p>
              {p.responses.length === 0 ? (
                <p>No answer yet.</p>
              ) : (
                <ul className="portal-answers">
                  {p.responses.map((r) => (
                    <li key={r.responseId}>
                      <strong>{dayWords(r.responseDate)}:</strong> {r.body}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
      {open && (
        <SendPromptDialog
          patientId={patientId}
          today={activity.today}
          onClose={() => setOpen(false)}
          onSent={(q) => {
            setOpen(false);
            setSent(q);
          }}
        />
      )}
    </Card>
  );
}
