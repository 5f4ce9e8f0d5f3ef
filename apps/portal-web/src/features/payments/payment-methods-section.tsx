import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';

import { api, call, PaymentMethod } from '../../api/client';
import { ErrorMessage } from '../../shared/error-message';
import { CardDetailsError, PaymentTokenizer } from './payment-tokenizer';

export const BRAND_WORDS: Record<string, string> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  amex: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  other: 'Card',
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function CardForm({ tokenizer }: { tokenizer: PaymentTokenizer }) {
  const qc = useQueryClient();
  const thisYear = new Date().getFullYear();
  const [number, setNumber] = useState('');
  const [expMonth, setExpMonth] = useState('');
  const [expYear, setExpYear] = useState('');
  const [cvc, setCvc] = useState('');
  const [cardError, setCardError] = useState<CardDetailsError | null>(null);
  const save = useMutation({
    mutationFn: async () => {
      // The number and code go to the tokenizer only; what is posted is its token and the facts Cairn keeps.
      const card = await tokenizer.tokenize({ number, expMonth: Number(expMonth), expYear: Number(expYear), cvc });
      setNumber('');
      setCvc('');
      return call(api.POST('/api/v1/portal/payment-methods', { body: card }));
    },
    onMutate: () => setCardError(null),
    onError: (e) => {
      if (e instanceof CardDetailsError) setCardError(e);
    },
    onSuccess: () => {
      setExpMonth('');
      setExpYear('');
      void qc.invalidateQueries({ queryKey: ['payment-methods'] });
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const errorFor = (field: CardDetailsError['field']) =>
    cardError?.field === field ? (
      <p className="field-error" id={`card-${field}-error`} role="alert">
        {cardError.message}
      </p>
    ) : null;
  const describedBy = (field: CardDetailsError['field']) => (cardError?.field === field ? `card-${field}-error` : undefined);
  return (
    <form className="stack card" onSubmit={submit} aria-labelledby="card-form-title" autoComplete="on">
      <h3 id="card-form-title">Add a card</h3>
      <p className="privacy-default">{tokenizer.notice}</p>
      <label htmlFor="card-number">Card number</label>
      <input
        id="card-number"
        inputMode="numeric"
        autoComplete="cc-number"
        maxLength={23}
        value={number}
        onChange={(e) => setNumber(e.target.value)}
        aria-invalid={cardError?.field === 'number' || undefined}
        aria-describedby={describedBy('number')}
      />
      {errorFor('number')}
      <fieldset aria-describedby={describedBy('expiry')}>
        <legend>Expires</legend>
        <div className="two-up">
          <span className="stack">
            <label htmlFor="card-exp-month">Month</label>
            <select id="card-exp-month" autoComplete="cc-exp-month" value={expMonth} onChange={(e) => setExpMonth(e.target.value)}>
              <option value="">Month</option>
              {MONTHS.map((m, i) => (
                <option key={m} value={i + 1}>
                  {String(i + 1).padStart(2, '0')} – {m}
                </option>
              ))}
            </select>
          </span>
          <span className="stack">
            <label htmlFor="card-exp-year">Year</label>
            <select id="card-exp-year" autoComplete="cc-exp-year" value={expYear} onChange={(e) => setExpYear(e.target.value)}>
              <option value="">Year</option>
              {Array.from({ length: 15 }, (_, i) => thisYear + i).map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </span>
        </div>
      </fieldset>
      {errorFor('expiry')}
      <label htmlFor="card-cvc">Security code</label>
      <input
        id="card-cvc"
        inputMode="numeric"
        autoComplete="cc-csc"
        maxLength={4}
        className="short-input"
        value={cvc}
        onChange={(e) => setCvc(e.target.value)}
        aria-invalid={cardError?.field === 'cvc' || undefined}
        aria-describedby={describedBy('cvc')}
      />
      {errorFor('cvc')}
      <p className="muted">
        Cairn keeps only the card type, its last four digits and when it expires. Your clinic’s billing staff see those; your therapist does
        not.
      </p>
      <button type="submit" disabled={save.isPending}>
        Save card
      </button>
      {save.isError && !(save.error instanceof CardDetailsError) && <ErrorMessage error={save.error} />}
      {save.isSuccess && (
        <p role="status" className="success">
          Card saved. Only its last four digits are kept.
        </p>
      )}
    </form>
  );
}

function MethodItem({ method }: { method: PaymentMethod }) {
  return (
    <li className="card">
      <h3>
        {BRAND_WORDS[method.brand] ?? 'Card'} ending in {method.last4}
      </h3>
      <p>
        Expires {String(method.expMonth).padStart(2, '0')}/{method.expYear}
      </p>
    </li>
  );
}

export function PaymentMethodsSection({ tokenizer }: { tokenizer: PaymentTokenizer }) {
  const list = useQuery({ queryKey: ['payment-methods'], queryFn: () => call(api.GET('/api/v1/portal/payment-methods')) });
  return (
    <section aria-labelledby="payment-title">
      <h2 id="payment-title">Payment cards</h2>
      {list.isPending && <p>Loading…</p>}
      {list.isError && <ErrorMessage error={list.error} />}
      {list.data && list.data.length === 0 && <p>No card saved yet.</p>}
      <ul className="cards">
        {list.data?.map((m) => (
          <MethodItem key={m.paymentMethodId} method={m} />
        ))}
      </ul>
      <CardForm tokenizer={tokenizer} />
    </section>
  );
}
