import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { expectOnlyTheRefusal } from '../../../shared/refused-page.testing';
import { json, PATIENT, renderPortalPage } from '../testing/portal-fixture';
import { PatientBillingPage } from './patient-billing-page';

const CARD = {
  insuranceCardId: '66666666-6666-4666-8666-666666666666',
  patientId: PATIENT,
  payerName: 'Desert Health Plan',
  memberId: 'XKZ123456789',
  groupNumber: null,
  frontFileId: '77777777-7777-4777-8777-777777777777',
  backFileId: null,
  createdAt: '2026-11-01T10:00:00Z',
};

afterEach(() => vi.unstubAllGlobals());

describe('PatientBillingPage', () => {
  it('shows the cards, the front photo fetched with the session, and payment cards by last four only', async () => {
    const { calls } = renderPortalPage(
      <PatientBillingPage />,
      (_m, path) => {
        if (path === `/api/v1/patients/${PATIENT}`) return json({ id: PATIENT, firstName: 'Ana', lastName: 'Lopez', careTeam: [] });
        if (path.endsWith('/insurance-cards')) return json([CARD]);
        if (path.endsWith('/payment-methods'))
          return json([
            {
              paymentMethodId: 'p',
              patientId: PATIENT,
              processor: 'stripe',
              brand: 'visa',
              last4: '4242',
              expMonth: 8,
              expYear: 2029,
              createdAt: '',
            },
          ]);
        if (path.endsWith('/front')) return new Response(new Uint8Array([137, 80, 78, 71]), { headers: { 'Content-Type': 'image/png' } });
        return undefined;
      },
      { path: `/patients/${PATIENT}/insurance`, route: '/patients/:id/insurance', permissions: ['portal.billing.view', 'patients.view'] },
    );
    expect(await screen.findByRole('heading', { name: 'Insurance and payment: Lopez, Ana' })).toBeTruthy();
    expect(screen.getByText(/Member ID XKZ123456789, no group number/)).toBeTruthy();
    expect(screen.getByText('No photo of the back.')).toBeTruthy();
    expect(await screen.findByText('Visa ending in 4242, expires 08/2029')).toBeTruthy();
    await vi.waitFor(() =>
      expect(calls.some((c) => c.path === `/api/v1/patients/${PATIENT}/insurance-cards/${CARD.insuranceCardId}/front`)).toBe(true),
    );
    expect(calls.some((c) => c.path.endsWith('/back'))).toBe(false);
  });

  it('shows only its title and the refusal without portal.billing.view', async () => {
    await expectOnlyTheRefusal(<PatientBillingPage />, `/patients/${PATIENT}/insurance`, 'Insurance and payment');
  });
});
