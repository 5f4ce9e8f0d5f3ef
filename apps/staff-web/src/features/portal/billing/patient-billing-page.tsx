import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';

import { api, authFetch, call, Schemas } from '../../../api/client';
import { ApiError, toProblem } from '../../../api/problem';
import { API_BASE_URL } from '../../../api/runtime-config';
import { useAuth } from '../../../shared/auth';
import { ErrorMessage } from '../../../shared/error-message';
import { Card, PageHeader } from '../../../shared/layout';
import { isRefusal, RefusedPage } from '../../../shared/refusal';

type InsuranceCard = Schemas['InsuranceCardResponseDto'];

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

/** A blob as a data: URL (kept in the query cache; nothing to revoke when the page goes). */
function dataUrl(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('The photo could not be read.'));
    reader.readAsDataURL(blob);
  });
}

/** One side's photo, fetched with the session's token (an <img src> would carry none) and shown from memory. */
function CardPhoto({ patientId, card, side }: { patientId: string; card: InsuranceCard; side: 'front' | 'back' }) {
  const { scope } = useAuth();
  const photo = useQuery({
    queryKey: ['insurance-card-photo', scope, card.insuranceCardId, side],
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const res = await authFetch(
        new Request(`${API_BASE_URL}/api/v1/patients/${patientId}/insurance-cards/${card.insuranceCardId}/${side}`),
      );
      if (!res.ok) throw new ApiError(toProblem(res.status, await res.json().catch(() => undefined)));
      return dataUrl(await res.blob());
    },
  });
  const url = photo.data;
  const label = `${side === 'front' ? 'Front' : 'Back'} of the ${card.payerName} card`;
  return (
    <figure>
      {url ? <img src={url} alt={label} /> : photo.isError ? <ErrorMessage error={photo.error} /> : <p role="status">Loading the photo…</p>}
      <figcaption className="small muted">{side === 'front' ? 'Front' : 'Back'}</figcaption>
    </figure>
  );
}

/**
 * A patient's insurance cards (with their photos) and saved payment cards as the client entered them in the portal,
 * for billing staff (`portal.billing.view`). Payment cards show the brand, last four digits and expiry only: Cairn
 * holds no card number, and the processor's token is never sent out.
 */
export function PatientBillingPage() {
  const { id = '' } = useParams();
  const { scope } = useAuth();
  const patient = useQuery({
    queryKey: ['patient', scope, id],
    retry: false,
    queryFn: () => call(api.GET('/api/v1/patients/{id}', { params: { path: { id } } })),
  });
  const cards = useQuery({
    queryKey: ['patient-insurance-cards', scope, id],
    queryFn: () => call(api.GET('/api/v1/patients/{id}/insurance-cards', { params: { path: { id } } })),
  });
  const methods = useQuery({
    queryKey: ['patient-payment-methods', scope, id],
    queryFn: () => call(api.GET('/api/v1/patients/{id}/payment-methods', { params: { path: { id } } })),
  });
  if (isRefusal(cards.error)) return <RefusedPage title="Insurance and payment" error={cards.error} />;
  const name = patient.data ? `${patient.data.lastName}, ${patient.data.firstName}` : undefined;
  return (
    <>
      <PageHeader
        title={name ? `Insurance and payment: ${name}` : 'Insurance and payment'}
        description="What the client entered in the portal. Billing staff and portal administrators see this; the therapist does not."
        actions={patient.data ? <Link to={`/patients/${id}`}>Back to the chart</Link> : undefined}
      />
      <Card title="Insurance cards">
        {cards.isPending && <p role="status">Loading insurance cards…</p>}
        {cards.error && <ErrorMessage error={cards.error} />}
        {cards.data?.length === 0 && <p>The client has not added an insurance card.</p>}
        {cards.data?.map((c) => (
          <section key={c.insuranceCardId} aria-label={`${c.payerName} card`} className="stack-section">
            <h3>{c.payerName}</h3>
            <p>
              Member ID {c.memberId}
              {c.groupNumber ? `, group ${c.groupNumber}` : ', no group number'}. Added{' '}
              {new Date(c.createdAt).toLocaleDateString(undefined, { dateStyle: 'medium' })}.
            </p>
            <div className="card-photos">
              <CardPhoto patientId={id} card={c} side="front" />
              {c.backFileId ? <CardPhoto patientId={id} card={c} side="back" /> : <p className="muted">No photo of the back.</p>}
            </div>
          </section>
        ))}
      </Card>
      <Card title="Payment cards">
        {methods.isPending && <p role="status">Loading payment cards…</p>}
        {methods.error && <ErrorMessage error={methods.error} />}
        {methods.data?.length === 0 && <p>The client has not saved a payment card.</p>}
        {methods.data && methods.data.length > 0 && (
          <ul>
            {methods.data.map((m) => (
              <li key={m.paymentMethodId}>
                {BRAND_WORDS[m.brand] ?? 'Card'} ending in {m.last4}, expires {String(m.expMonth).padStart(2, '0')}/{m.expYear}
              </li>
            ))}
          </ul>
        )}
        <p className="small muted">Only the last four digits are kept. Charges go through the payment processor, which holds the card.</p>
      </Card>
    </>
  );
}
