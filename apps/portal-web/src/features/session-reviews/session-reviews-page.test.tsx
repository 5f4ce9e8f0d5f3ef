import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';

import { json, renderWithApi } from '../../shared/render.testing';
import { DashboardPage } from '../dashboard/dashboard-page';
import { SessionReviewPage, SessionReviewsPage } from './session-reviews-page';

const PENDING = {
  reviewId: '11111111-1111-4111-8111-111111111111',
  patientId: '22222222-2222-4222-8222-222222222222',
  appointmentId: '33333333-3333-4333-8333-333333333333',
  appointmentStartAt: '2026-12-01T17:00:00Z',
  clinicianId: '44444444-4444-4444-8444-444444444444',
  status: 'pending',
  promptedAt: '2026-12-02T17:00:00Z',
  rating: null,
  feedback: null,
  sharedWithClinician: false,
  anonymous: false,
  submittedAt: null,
};
const page = (items: unknown[]) => json({ items, page: 1, pageSize: 100, total: items.length });

function routes() {
  return (
    <Routes>
      <Route path="/" element={<DashboardPage />} />
      <Route path="/session-reviews" element={<SessionReviewsPage />} />
      <Route path="/session-reviews/:reviewId" element={<SessionReviewPage />} />
    </Routes>
  );
}

describe('session reviews', () => {
  it('the dashboard prompts for the pending review and opens its form; not shared is the default and each choice says who sees it', async () => {
    const { calls } = renderWithApi(routes(), (method, path, body) => {
      if (path === '/api/v1/portal/dashboard')
        return json({
          patientId: PENDING.patientId,
          today: '2026-12-05',
          generatedAt: '2026-12-05T10:00:00Z',
          upcomingAppointments: [],
          sections: { sessionReviews: { pending: [PENDING], recent: [], averageRating: null } },
        });
      if (path === '/api/v1/portal/prompts') return json([]);
      if (path === '/api/v1/portal/session-reviews') return page([PENDING]);
      return json({ ...PENDING, ...(body as object), status: 'submitted', submittedAt: '2026-12-05T10:00:00Z' });
    });
    const user = userEvent.setup();
    expect(await screen.findByRole('heading', { name: 'How was your session?' })).toBeTruthy();
    await user.click(screen.getByRole('link', { name: /^Review your session of/ }));
    const form = await screen.findByRole('form', { name: /^Review your session of/ });

    expect((within(form).getByRole('radio', { name: 'Only the clinic, with my name' }) as HTMLInputElement).checked).toBe(true);
    const shared = within(form).getByRole('radio', { name: 'Share with my therapist' });
    expect(shared.getAttribute('aria-describedby')).toBe('audience-shared');
    expect(document.getElementById('audience-shared')!.textContent).toMatch(
      /^Your therapist sees your rating and your words, with your name/,
    );
    expect(document.getElementById('audience-anonymous')!.textContent).toMatch(
      /^Your therapist is not told about this review and cannot see it\. Your clinic's portal administrators read your rating and your words in their quality review without your name/,
    );
    expect(document.getElementById('audience-clinic')!.textContent).toMatch(/^Your therapist does not see this review\./);

    // A rating is required, said in a sentence before anything is sent.
    await user.click(within(form).getByRole('button', { name: 'Send review' }));
    expect(within(form).getByRole('alert').textContent).toBe('Choose a rating from 1 to 5 before you send your review.');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await user.click(within(form).getByRole('radio', { name: '2 out of 5 (poor)' }));
    await user.type(within(form).getByLabelText('Comments (optional)'), 'Started late.');
    await user.click(within(form).getByRole('radio', { name: 'Anonymous to the clinic' }));
    await user.click(within(form).getByRole('button', { name: 'Send review' }));
    const done = await screen.findByRole('status');
    expect(done.textContent).toMatch(/Thank you\. Your review of 2 out of 5 \(poor\) is sent\./);
    expect(done.textContent).toMatch(/Your therapist is not told about this review/);
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post.path).toBe(`/api/v1/portal/session-reviews/${PENDING.reviewId}`);
    expect(post.body).toEqual({ rating: 2, feedback: 'Started late.', sharedWithClinician: false, anonymous: true });
  });

  it('keeps the thanks on screen once the review is sent, though the pending list no longer holds it', async () => {
    let sent = false;
    renderWithApi(
      routes(),
      (method, _path, body) => {
        if (method === 'GET') return page(sent ? [] : [PENDING]);
        sent = true;
        return json({ ...PENDING, ...(body as object), status: 'submitted', submittedAt: '2026-12-05T10:00:00Z' });
      },
      { path: `/session-reviews/${PENDING.reviewId}` },
    );
    const user = userEvent.setup();
    const form = await screen.findByRole('form', { name: /^Review your session of/ });
    await user.click(within(form).getByRole('radio', { name: '4 out of 5 (good)' }));
    await user.click(within(form).getByRole('button', { name: 'Send review' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/Thank you\. Your review of 4 out of 5 \(good\) is sent\./);
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.getByRole('status').textContent).toMatch(/Thank you\./);
    expect(screen.queryByText(/This review is not waiting for an answer/)).toBeNull();
  });

  it('sends a shared review as shared and never anonymous', async () => {
    const { calls } = renderWithApi(
      routes(),
      (method, _path, body) => (method === 'GET' ? page([PENDING]) : json({ ...PENDING, ...(body as object), status: 'submitted' })),
      { path: `/session-reviews/${PENDING.reviewId}` },
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: '5 out of 5 (very good)' }));
    await user.click(screen.getByRole('radio', { name: 'Share with my therapist' }));
    await user.click(screen.getByRole('button', { name: 'Send review' }));
    await screen.findByRole('status');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      rating: 5,
      feedback: null,
      sharedWithClinician: true,
      anonymous: false,
    });
  });

  it('a review answered elsewhere meanwhile (409) reads as a sentence; an unknown review says it is not waiting', async () => {
    renderWithApi(
      routes(),
      (method) =>
        method === 'GET'
          ? page([PENDING])
          : json({ type: 'about:blank', title: 'Conflict', status: 409, detail: 'This session has been reviewed already.' }, 409),
      { path: `/session-reviews/${PENDING.reviewId}` },
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('radio', { name: '4 out of 5 (good)' }));
    await user.click(screen.getByRole('button', { name: 'Send review' }));
    const alert = await screen.findByText(/This has already changed\./);
    expect(alert.textContent).toBe(
      '⚠ This has already changed. Reload the page to see where it stands. This session has been reviewed already.',
    );
  });

  it('a review id that is not pending is explained, not a blank page', async () => {
    renderWithApi(routes(), () => page([]), { path: '/session-reviews/99999999-9999-4999-8999-999999999999' });
    expect(await screen.findByText(/This review is not waiting for an answer/)).toBeTruthy();
  });

  it('lists the sent reviews with who sees each, and a failed list as a sentence', async () => {
    renderWithApi(
      routes(),
      (_m, path) =>
        path === '/api/v1/portal/session-reviews'
          ? page([
              { ...PENDING, status: 'submitted', rating: 5, feedback: 'Helpful.', sharedWithClinician: true },
              { ...PENDING, reviewId: '55555555-5555-4555-8555-555555555555', status: 'submitted', rating: 2, anonymous: true },
            ])
          : json({}, 404),
      { path: '/session-reviews' },
    );
    expect((await screen.findAllByText('Share with my therapist')).length).toBeGreaterThan(0);
    expect(screen.getAllByText('Anonymous to the clinic').length).toBeGreaterThan(0);
    expect(screen.getAllByText('Your rating: 5 out of 5 (very good)').length).toBeGreaterThan(0);
  });

  it('shows the API failure of the list as a sentence', async () => {
    renderWithApi(routes(), () => json({ title: 'Service Unavailable', status: 503 }, 503), { path: '/session-reviews' });
    expect((await screen.findAllByText('Something went wrong on our side. Try again in a moment.')).length).toBeGreaterThan(0);
  });
});
