import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useRef, useState } from 'react';

import { api, call, InsuranceCard, uploadFile } from '../../api/client';
import { fieldErrorOf } from '../../api/problem';
import { ErrorMessage } from '../../shared/error-message';
import { dayWords } from '../../shared/format';

function CardItem({ card }: { card: InsuranceCard }) {
  return (
    <li className="card">
      <h3>{card.payerName}</h3>
      <p>Member ID: {card.memberId}</p>
      {card.groupNumber && <p>Group number: {card.groupNumber}</p>}
      <p className="muted">
        {card.backFileId ? 'Photos of the front and back saved' : 'Photo of the front saved'} · added{' '}
        {dayWords(card.createdAt.slice(0, 10), { year: true })}
      </p>
    </li>
  );
}

/** The client's photo of one side: a file picker that opens the phone's back camera where it can. */
function PhotoField({
  id,
  label,
  file,
  onChange,
  error,
}: {
  id: string;
  label: string;
  file: File | null;
  onChange: (f: File | null) => void;
  error?: string;
}) {
  return (
    <span className="stack">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept="image/*"
        capture="environment"
        onChange={(e) => onChange(e.target.files?.[0] ?? null)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {file && <span className="muted">Chosen: {file.name}</span>}
      {error && (
        <span className="field-error" id={`${id}-error`} role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

function AddInsuranceForm() {
  const qc = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [payerName, setPayerName] = useState('');
  const [memberId, setMemberId] = useState('');
  const [groupNumber, setGroupNumber] = useState('');
  const [front, setFront] = useState<File | null>(null);
  const [back, setBack] = useState<File | null>(null);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: async () => {
      // The photos are uploaded first (not shared with the therapist), then named by id on the card.
      const frontFile = await uploadFile(front as File, false);
      const backFile = back ? await uploadFile(back, false) : null;
      return call(
        api.POST('/api/v1/portal/insurance-cards', {
          body: {
            payerName: payerName.trim(),
            memberId: memberId.trim(),
            groupNumber: groupNumber.trim() || null,
            frontFileId: frontFile.fileId,
            backFileId: backFile?.fileId ?? null,
          },
        }),
      );
    },
    onSuccess: () => {
      setPayerName('');
      setMemberId('');
      setGroupNumber('');
      setFront(null);
      setBack(null);
      formRef.current?.reset();
      void qc.invalidateQueries({ queryKey: ['insurance-cards'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (!payerName.trim()) m['payerName'] = 'Enter the name of your insurance company.';
    if (!memberId.trim()) m['memberId'] = 'Enter your member ID from the card.';
    if (!front) m['front'] = 'Add a photo of the front of your card.';
    setMissing(m);
    if (Object.keys(m).length === 0) add.mutate();
  };
  const fieldError = (key: string, apiField: string) => missing[key] ?? fieldErrorOf(add.error, apiField);
  const err = (id: string, text: string | undefined) =>
    text ? (
      <p className="field-error" id={`${id}-error`} role="alert">
        {text}
      </p>
    ) : null;
  return (
    <form ref={formRef} className="stack card" onSubmit={submit} aria-labelledby="insurance-form-title">
      <h3 id="insurance-form-title">Add an insurance card</h3>
      <label htmlFor="ins-payer">Insurance company</label>
      <input
        id="ins-payer"
        maxLength={200}
        value={payerName}
        onChange={(e) => setPayerName(e.target.value)}
        aria-invalid={fieldError('payerName', 'payerName') ? true : undefined}
        aria-describedby={fieldError('payerName', 'payerName') ? 'ins-payer-error' : undefined}
      />
      {err('ins-payer', fieldError('payerName', 'payerName'))}
      <label htmlFor="ins-member">Member ID</label>
      <input
        id="ins-member"
        maxLength={64}
        value={memberId}
        onChange={(e) => setMemberId(e.target.value)}
        aria-invalid={fieldError('memberId', 'memberId') ? true : undefined}
        aria-describedby={fieldError('memberId', 'memberId') ? 'ins-member-error' : undefined}
      />
      {err('ins-member', fieldError('memberId', 'memberId'))}
      <label htmlFor="ins-group">Group number (if your card has one)</label>
      <input id="ins-group" maxLength={64} value={groupNumber} onChange={(e) => setGroupNumber(e.target.value)} />
      <PhotoField id="ins-front" label="Photo of the front" file={front} onChange={setFront} error={fieldError('front', 'frontFileId')} />
      <PhotoField
        id="ins-back"
        label="Photo of the back (optional)"
        file={back}
        onChange={setBack}
        error={fieldErrorOf(add.error, 'backFileId')}
      />
      <p className="muted">
        On a phone you can take the photos with the camera. Your clinic’s billing staff see this card and its photos; your therapist does
        not.
      </p>
      <button type="submit" disabled={add.isPending}>
        {add.isPending ? 'Saving…' : 'Save insurance card'}
      </button>
      {add.isError && <ErrorMessage error={add.error} />}
      {add.isSuccess && (
        <p role="status" className="success">
          Insurance card saved. Your clinic’s billing staff can see it.
        </p>
      )}
    </form>
  );
}

export function InsuranceCardsSection() {
  const list = useQuery({ queryKey: ['insurance-cards'], queryFn: () => call(api.GET('/api/v1/portal/insurance-cards')) });
  return (
    <section aria-labelledby="insurance-title">
      <h2 id="insurance-title">Insurance cards</h2>
      {list.isPending && <p>Loading…</p>}
      {list.isError && <ErrorMessage error={list.error} />}
      {list.data && list.data.length === 0 && <p>No insurance card saved yet.</p>}
      <ul className="cards">
        {list.data?.map((c) => (
          <CardItem key={c.insuranceCardId} card={c} />
        ))}
      </ul>
      <AddInsuranceForm />
    </section>
  );
}
