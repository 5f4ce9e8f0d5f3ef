import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { json, renderWithApi } from '../../shared/render.testing';
import { InsurancePaymentPage } from './insurance-payment-page';
import { DevelopmentTokenizer, PaymentTokenizer } from './payment-tokenizer';

const PATIENT = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const CARD = {
  insuranceCardId: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
  patientId: PATIENT,
  payerName: 'Desert Health Plan',
  memberId: 'XKZ123456789',
  groupNumber: 'GRP-1',
  frontFileId: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
  backFileId: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
  createdAt: '2026-11-01T10:00:00Z',
};
const METHOD = {
  paymentMethodId: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee',
  patientId: PATIENT,
  processor: 'stripe',
  brand: 'visa',
  last4: '4242',
  expMonth: 8,
  expYear: 2029,
  createdAt: '2026-11-01T10:00:00Z',
};
const NEXT_YEAR = String(new Date().getFullYear() + 1);

describe('InsurancePaymentPage', () => {
  it('lists the cards and says who sees them', async () => {
    renderWithApi(<InsurancePaymentPage tokenizer={new DevelopmentTokenizer()} />, (_m, path) =>
      json(path.endsWith('insurance-cards') ? [CARD] : [METHOD]),
    );
    expect(await screen.findByText('Desert Health Plan')).toBeTruthy();
    expect(screen.getByText('Member ID: XKZ123456789')).toBeTruthy();
    expect(await screen.findByText('Visa ending in 4242')).toBeTruthy();
    expect(screen.getByText(/billing staff can see them; your therapist cannot/)).toBeTruthy();
    const photo = screen.getByLabelText('Photo of the front') as HTMLInputElement;
    expect(photo.type).toBe('file');
    expect(photo.accept).toBe('image/*');
    expect(photo.getAttribute('capture')).toBe('environment');
  });

  it('posts only the token, brand, last four and expiry: the card number and code never reach the API', async () => {
    const { calls } = renderWithApi(<InsurancePaymentPage tokenizer={new DevelopmentTokenizer('square')} />, (method, path, body) =>
      method === 'POST' ? json({ ...METHOD, ...(body as object) }, 201) : json(path.endsWith('insurance-cards') ? [] : []),
    );
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Card number'), '5555 5555 5555 4444');
    await user.selectOptions(screen.getByLabelText('Month'), '8');
    await user.selectOptions(screen.getByLabelText('Year'), NEXT_YEAR);
    await user.type(screen.getByLabelText('Security code'), '987');
    await user.click(screen.getByRole('button', { name: 'Save card' }));
    await screen.findByText('Card saved. Only its last four digits are kept.');
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe('/api/v1/portal/payment-methods');
    expect(post?.body).toMatchObject({ processor: 'square', brand: 'mastercard', last4: '4444', expMonth: 8, expYear: Number(NEXT_YEAR) });
    expect(Object.keys(post?.body as object).sort()).toEqual(['brand', 'expMonth', 'expYear', 'last4', 'processor', 'processorToken']);
    for (const c of calls) {
      const text = `${c.path} ${JSON.stringify(c.body ?? '')}`;
      expect(text).not.toContain('5555555555554444');
      expect(text).not.toContain('5555 5555');
      expect(text).not.toContain('987');
    }
    expect((screen.getByLabelText('Card number') as HTMLInputElement).value).toBe('');
  });

  it('shows a card the tokenizer refuses under its field and calls no API', async () => {
    const { calls } = renderWithApi(<InsurancePaymentPage tokenizer={new DevelopmentTokenizer()} />, () => json([]));
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Card number'), '4242 4242 4242 4241');
    await user.selectOptions(screen.getByLabelText('Month'), '8');
    await user.selectOptions(screen.getByLabelText('Year'), NEXT_YEAR);
    await user.type(screen.getByLabelText('Security code'), '123');
    await user.click(screen.getByRole('button', { name: 'Save card' }));
    expect(await screen.findByText('That card number is not right. Check it and try again.')).toBeTruthy();
    expect(screen.getByLabelText('Card number').getAttribute('aria-invalid')).toBe('true');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('says the API’s refusal of a saved card in a sentence', async () => {
    const failing: PaymentTokenizer = {
      notice: 'Test tokenizer.',
      tokenize: async () => ({
        processor: 'stripe',
        processorToken: 'tok_testtoken',
        brand: 'visa',
        last4: '4242',
        expMonth: 1,
        expYear: 2020,
      }),
    };
    renderWithApi(<InsurancePaymentPage tokenizer={failing} />, (method) =>
      method === 'POST'
        ? json(
            {
              status: 400,
              title: 'Bad Request',
              detail: 'The card has expired.',
              errors: [{ field: 'expYear', message: 'the card expired before this month' }],
            },
            400,
          )
        : json([]),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Save card' }));
    const alert = await screen.findByText(/Some of what you entered could not be saved/);
    expect(alert.textContent).toContain('The expiry the card expired before this month.');
    expect(alert.textContent).not.toContain('expYear');
  });

  it('uploads the front and back photos unshared, then posts the card naming them', async () => {
    let uploads = 0;
    const { calls } = renderWithApi(<InsurancePaymentPage tokenizer={new DevelopmentTokenizer()} />, (method, path, body) => {
      if (method === 'POST' && path.endsWith('/portal/files')) {
        uploads += 1;
        return json({ fileId: uploads === 1 ? CARD.frontFileId : CARD.backFileId }, 201);
      }
      if (method === 'POST') return json({ ...CARD, ...(body as object) }, 201);
      return json([]);
    });
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Insurance company'), 'Desert Health Plan');
    await user.type(screen.getByLabelText('Member ID'), 'XKZ123456789');
    await user.upload(screen.getByLabelText('Photo of the front'), new File(['front'], 'front.jpg', { type: 'image/jpeg' }));
    await user.upload(screen.getByLabelText('Photo of the back (optional)'), new File(['back'], 'back.jpg', { type: 'image/jpeg' }));
    await user.click(screen.getByRole('button', { name: 'Save insurance card' }));
    await screen.findByText('Insurance card saved. Your clinic’s billing staff can see it.');
    const files = calls.filter((c) => c.path === '/api/v1/portal/files');
    expect(files).toHaveLength(2);
    for (const f of files) expect(String(f.body)).toMatch(/name="sharedWithClinician"\r\n\r\nfalse/);
    expect(calls.find((c) => c.path === '/api/v1/portal/insurance-cards' && c.method === 'POST')?.body).toEqual({
      payerName: 'Desert Health Plan',
      memberId: 'XKZ123456789',
      groupNumber: null,
      frontFileId: CARD.frontFileId,
      backFileId: CARD.backFileId,
    });
  });

  it('asks for the missing fields in sentences and a photo the API refuses is named in words', async () => {
    const { calls } = renderWithApi(<InsurancePaymentPage tokenizer={new DevelopmentTokenizer()} />, (method, path) => {
      if (method === 'POST' && path.endsWith('/portal/files')) return json({ fileId: CARD.frontFileId }, 201);
      if (method === 'POST')
        return json(
          {
            status: 400,
            title: 'Bad Request',
            errors: [{ field: 'frontFileId', message: 'frontFileId must be an image (PNG, JPEG, WebP or GIF), not application/pdf' }],
          },
          400,
        );
      return json([]);
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Save insurance card' }));
    expect(screen.getByText('Enter the name of your insurance company.')).toBeTruthy();
    expect(screen.getByText('Add a photo of the front of your card.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);

    await user.type(screen.getByLabelText('Insurance company'), 'Desert Health Plan');
    await user.type(screen.getByLabelText('Member ID'), 'XKZ1');
    await user.upload(screen.getByLabelText('Photo of the front'), new File(['%PDF'], 'card.pdf', { type: 'image/jpeg' }));
    await user.click(screen.getByRole('button', { name: 'Save insurance card' }));
    const errors = await screen.findAllByText('The photo of the front must be an image (PNG, JPEG, WebP or GIF), not application/pdf.', {
      exact: false,
    });
    expect(errors.length).toBeGreaterThan(0);
  });
});
