import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';

import { api, call, type Schemas } from '../../../api/client';
import { ApiError, fieldSentence } from '../../../api/problem';
import { useAuth } from '../../../shared/auth';
import { Button } from '../../../shared/button';
import { ErrorMessage } from '../../../shared/error-message';
import { Field } from '../../../shared/field';
import { Card } from '../../../shared/layout';

type Toolkit = Schemas['CrisisToolkitResponseDto'];
interface ContactDraft {
  name: string;
  phone: string;
  relationship: string;
}

export const MAX_STEPS = 20;
export const MAX_CONTACTS = 10;
const STEP_MAX_CHARS = 500;
const PHONE = /^\+?[0-9][0-9 ().-]{1,30}$/;
const MANAGE = 'portal.crisis-toolkit.manage';

/** The form's own checks, the API's rules (UpdateCrisisToolkitDto), so most mistakes are named before sending. */
export function checkToolkit(steps: string[], contacts: ContactDraft[]): Record<string, string> {
  const errors: Record<string, string> = {};
  if (steps.length === 0) errors['copingSteps'] = 'Add at least one coping step.';
  steps.forEach((s, i) => {
    if (!s.trim()) errors[`copingSteps.${i}`] = `Step ${i + 1} is empty: write it or remove it.`;
    else if (s.length > STEP_MAX_CHARS) errors[`copingSteps.${i}`] = `Step ${i + 1} is longer than ${STEP_MAX_CHARS} characters.`;
  });
  contacts.forEach((c, i) => {
    if (!c.name.trim()) errors[`contacts.${i}.name`] = `Contact ${i + 1} needs a name.`;
    if (!PHONE.test(c.phone.trim()))
      errors[`contacts.${i}.phone`] = `Contact ${i + 1}'s phone must be a phone number: digits, spaces, + ( ) . -`;
  });
  return errors;
}

/** The API's field refusals keyed as the form keys them (`copingSteps.1`, `contacts.0.phone`). */
function serverErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  const out: Record<string, string> = {};
  for (const e of error.problem.fieldErrors) {
    const key = e.field.replace(/\[(\d+)\]/g, '.$1');
    out[key] = fieldSentence(e);
  }
  return out;
}

/**
 * The therapist customises a client's crisis toolkit (GET/PUT /patients/:id/crisis-toolkit): coping steps in order,
 * personal contacts. The 988 Suicide & Crisis Lifeline is not the therapist's to change: the API puts it first in
 * every toolkit, so it is shown here fixed, with no control. Without `portal.crisis-toolkit.manage` it is read only.
 */
export function CrisisToolkitEditor({ patientId }: { patientId: string }) {
  const { permissions, scope } = useAuth();
  const canEdit = permissions.has(MANAGE);
  const qc = useQueryClient();
  const key = ['crisis-toolkit', scope.organizationId ?? null, patientId];
  // Here, not in the form: a save remounts the form on the new version (its key), and the confirmation must stay.
  const [saved, setSaved] = useState(false);
  const toolkit = useQuery({
    queryKey: key,
    queryFn: () => call(api.GET('/api/v1/patients/{id}/crisis-toolkit', { params: { path: { id: patientId } } })),
  });
  return (
    <Card title="Crisis toolkit">
      <p className="muted">
        What the client sees when they open the crisis page of the portal. They see every step and contact below; you and portal
        administrators are told when they open it three times in 7 days.
      </p>
      {toolkit.error ? (
        <ErrorMessage error={toolkit.error} />
      ) : !toolkit.data ? (
        <p role="status">Loading the crisis toolkit…</p>
      ) : (
        <ToolkitForm
          key={toolkit.data.updatedAt ?? 'defaults'}
          toolkit={toolkit.data}
          canEdit={canEdit}
          onSubmitted={() => setSaved(false)}
          onSaved={(t) => {
            setSaved(true);
            qc.setQueryData(key, t);
          }}
          patientId={patientId}
        />
      )}
      {/* Always present (a status region announces what is put in it), outside the form a save remounts. */}
      <p role="status" className={saved ? 'success' : 'visually-hidden'}>
        {saved && (
          <>
            <span aria-hidden="true">✓ </span>Saved. The client sees this the next time they open their crisis toolkit.
          </>
        )}
      </p>
    </Card>
  );
}

function ToolkitForm({
  toolkit,
  canEdit,
  patientId,
  onSubmitted,
  onSaved,
}: {
  toolkit: Toolkit;
  canEdit: boolean;
  patientId: string;
  onSubmitted: () => void;
  onSaved: (t: Toolkit) => void;
}) {
  const [steps, setSteps] = useState<string[]>(toolkit.copingSteps);
  const [contacts, setContacts] = useState<ContactDraft[]>(
    toolkit.contacts.map((c) => ({ name: c.name, phone: c.phone, relationship: c.relationship ?? '' })),
  );
  const [checked, setChecked] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: () =>
      call(
        api.PUT('/api/v1/patients/{id}/crisis-toolkit', {
          params: { path: { id: patientId } },
          body: {
            copingSteps: steps.map((s) => s.trim()),
            contacts: contacts.map((c) => ({ name: c.name.trim(), phone: c.phone.trim(), relationship: c.relationship.trim() || null })),
          },
        }),
      ),
    onSuccess: onSaved,
  });
  const errors = { ...serverErrors(save.error), ...checked };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmitted();
    const found = checkToolkit(steps, contacts);
    setChecked(found);
    if (Object.keys(found).length > 0) return;
    save.mutate();
  };
  const moveStep = (i: number, by: number) =>
    setSteps((s) => {
      const next = [...s];
      const [item] = next.splice(i, 1);
      next.splice(i + by, 0, item!);
      return next;
    });
  const lines = (
    <>
      <h3>Crisis lines</h3>
      <ul className="portal-tool-list">
        {toolkit.crisisLines.map((l) => (
          <li key={l.phone} className="portal-fixed-line">
            <span>
              <strong>{l.name}</strong>: {l.description} <span className="muted">(always shown first; it cannot be removed)</span>
            </span>
          </li>
        ))}
      </ul>
    </>
  );
  if (!canEdit) {
    return (
      <>
        {lines}
        <h3>Coping steps</h3>
        <ol>
          {toolkit.copingSteps.map((s, i) => (
            <li key={i}>{s}</li>
          ))}
        </ol>
        <h3>Contacts</h3>
        {toolkit.contacts.length === 0 ? (
          <p>No personal contacts.</p>
        ) : (
          <ul>
            {toolkit.contacts.map((c, i) => (
              <li key={i}>
                {c.name}
                {c.relationship ? ` (${c.relationship})` : ''}: {c.phone}
              </li>
            ))}
          </ul>
        )}
        <p className="muted">Only the client's primary therapist or a portal administrator can change the toolkit.</p>
      </>
    );
  }
  const anyError = Object.keys(errors).length > 0;
  return (
    <form onSubmit={submit} noValidate aria-label="Customise the crisis toolkit" className="portal-tool-form">
      {lines}
      {!toolkit.customised && <p>The client sees the default steps below until you save your own.</p>}
      <h3 id="steps-heading">Coping steps, in order</h3>
      {errors['copingSteps'] && (
        <p className="field-error">
          <span aria-hidden="true">⚠ </span>
          {errors['copingSteps']}
        </p>
      )}
      <ol className="portal-tool-list" aria-labelledby="steps-heading">
        {steps.map((s, i) => (
          <li key={i}>
            <Field id={`step-${i}`} label={`Step ${i + 1}`} error={errors[`copingSteps.${i}`]}>
              <textarea
                id={`step-${i}`}
                rows={2}
                value={s}
                aria-invalid={Boolean(errors[`copingSteps.${i}`])}
                aria-describedby={Field.describedBy(`step-${i}`, { error: errors[`copingSteps.${i}`] })}
                onChange={(e) => setSteps((all) => all.map((x, j) => (j === i ? e.target.value : x)))}
              />
            </Field>
            <Button variant="quiet" disabled={i === 0} onClick={() => moveStep(i, -1)}>
              Move up<span className="visually-hidden">: step {i + 1}</span>
            </Button>
            <Button variant="quiet" disabled={i === steps.length - 1} onClick={() => moveStep(i, 1)}>
              Move down<span className="visually-hidden">: step {i + 1}</span>
            </Button>
            <Button variant="quiet" onClick={() => setSteps((all) => all.filter((_, j) => j !== i))}>
              Remove<span className="visually-hidden"> step {i + 1}</span>
            </Button>
          </li>
        ))}
      </ol>
      <Button variant="secondary" disabled={steps.length >= MAX_STEPS} onClick={() => setSteps((s) => [...s, ''])}>
        Add a step
      </Button>
      {steps.length >= MAX_STEPS && <p className="muted">A toolkit has at most {MAX_STEPS} steps.</p>}
      <h3 id="contacts-heading">Personal contacts</h3>
      {contacts.length === 0 && <p>No personal contacts yet. The client still sees 988 first.</p>}
      <ul className="portal-tool-list" aria-labelledby="contacts-heading">
        {contacts.map((c, i) => {
          const set = (field: keyof ContactDraft) => (value: string) =>
            setContacts((all) => all.map((x, j) => (j === i ? { ...x, [field]: value } : x)));
          return (
            <li key={i}>
              {(['name', 'phone', 'relationship'] as const).map((f) => {
                const id = `contact-${i}-${f}`;
                const error = errors[`contacts.${i}.${f}`];
                const label = f === 'name' ? `Contact ${i + 1}: name` : f === 'phone' ? 'Phone' : 'Relationship (optional)';
                return (
                  <Field key={f} id={id} label={label} error={error}>
                    <input
                      id={id}
                      type={f === 'phone' ? 'tel' : 'text'}
                      value={c[f]}
                      maxLength={f === 'name' ? 100 : f === 'relationship' ? 60 : 32}
                      aria-invalid={Boolean(error)}
                      aria-describedby={Field.describedBy(id, { error })}
                      onChange={(e) => set(f)(e.target.value)}
                    />
                  </Field>
                );
              })}
              <Button variant="quiet" onClick={() => setContacts((all) => all.filter((_, j) => j !== i))}>
                Remove<span className="visually-hidden"> contact {i + 1}</span>
              </Button>
            </li>
          );
        })}
      </ul>
      <Button
        variant="secondary"
        disabled={contacts.length >= MAX_CONTACTS}
        onClick={() => setContacts((all) => [...all, { name: '', phone: '', relationship: '' }])}
      >
        Add a contact
      </Button>
      <div className="portal-tool-row">
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save the toolkit'}
        </Button>
      </div>
      {anyError ? (
        <p role="alert" className="error">
          <span aria-hidden="true">⚠ </span>The toolkit was not saved. {Object.values(errors).join(' ')}
        </p>
      ) : (
        save.error !== null && <ErrorMessage error={save.error} />
      )}
    </form>
  );
}
