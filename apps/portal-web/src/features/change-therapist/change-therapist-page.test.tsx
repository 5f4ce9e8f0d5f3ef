import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { json, renderWithApi } from '../../shared/render.testing';
import { ChangeTherapistPage, PLAIN_WORDS, SENSITIVE_WORDS } from './change-therapist-page';

const REQUEST = {
  changeRequestId: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
  patientId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  reason: 'Evenings only now.',
  sensitive: false,
  status: 'denied',
  requestedAt: '2026-11-01T10:00:00Z',
  reviewStartedAt: '2026-11-02T10:00:00Z',
  decidedAt: '2026-11-03T10:00:00Z',
  newTherapistId: null,
  denialReason: 'No therapist has evening hours this season.',
};
const page = (items: unknown[]) => json({ items, page: 1, pageSize: 50, total: items.length });

describe('ChangeTherapistPage', () => {
  it('explains who sees a sensitive request and posts the choice', async () => {
    const sent = { ...REQUEST, status: 'pending', sensitive: true, decidedAt: null, reviewStartedAt: null, denialReason: null };
    let posted = false;
    const { calls } = renderWithApi(<ChangeTherapistPage />, (method) => {
      if (method === 'GET') return page(posted ? [sent] : []);
      posted = true;
      return json(sent, 201);
    });
    const box = await screen.findByRole('checkbox', { name: 'Keep this request from my current therapist' });
    expect((box as HTMLInputElement).checked).toBe(false);
    expect(screen.getByText(PLAIN_WORDS)).toBeTruthy();
    const user = userEvent.setup();
    await user.click(box);
    expect(screen.getByText(SENSITIVE_WORDS)).toBeTruthy();
    expect(SENSITIVE_WORDS).toContain('is not told about this request and cannot see it');
    expect(SENSITIVE_WORDS).toContain('portal administrators can see it');
    await user.type(screen.getByLabelText('Why would you like a change?'), 'It is about my therapist.');
    await user.click(screen.getByRole('button', { name: 'Send request' }));
    await screen.findByText('Your request is waiting for a decision. You can send another one once it is decided.');
    expect(screen.getByText('◷ Sent')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ reason: 'It is about my therapist.', sensitive: true });
  });

  it('refuses an empty reason in a sentence without calling the API', async () => {
    const { calls } = renderWithApi(<ChangeTherapistPage />, () => page([]));
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Send request' }));
    expect(screen.getByText('Tell your clinic in a few words why you would like a change.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('shows each request’s state in words, the clinic’s reason for a denial, and hides the form while one is open', async () => {
    renderWithApi(<ChangeTherapistPage />, () =>
      page([
        {
          ...REQUEST,
          changeRequestId: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd',
          status: 'under_review',
          sensitive: true,
          decidedAt: null,
          denialReason: null,
        },
        REQUEST,
      ]),
    );
    expect(await screen.findByText('◔ Being reviewed')).toBeTruthy();
    expect(screen.getByText('Someone at your clinic is looking at your request now.')).toBeTruthy();
    expect(screen.getByText('✕ Not approved')).toBeTruthy();
    expect(screen.getByText('No therapist has evening hours this season.')).toBeTruthy();
    expect(screen.getByText('Kept from your current therapist')).toBeTruthy();
    expect(screen.getByText('Your request is waiting for a decision. You can send another one once it is decided.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Send request' })).toBeNull();
  });

  it('says a refused request (409: one already open) in a sentence', async () => {
    renderWithApi(<ChangeTherapistPage />, (method) =>
      method === 'GET'
        ? page([])
        : json({ status: 409, title: 'Conflict', detail: 'You already have a therapist change request waiting for a decision.' }, 409),
    );
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Why would you like a change?'), 'Evenings.');
    await user.click(screen.getByRole('button', { name: 'Send request' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('You already have a therapist change request waiting for a decision.');
    expect(alert.textContent).not.toContain('409');
  });
});
