import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { json, renderWithApi } from '../../shared/render.testing';
import { AppointmentsPage, prepOpen, prepProblem, topicsOf } from './appointments-page';

const later = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
const APPT = {
  appointmentId: '11111111-1111-4111-8111-111111111111',
  startAt: later(48),
  endAt: later(49),
  status: 'scheduled',
  serviceType: 'psychotherapy-45',
  providerId: '22222222-2222-4222-8222-222222222222',
  providerName: 'Dr. Maya Chen',
  siteId: '33333333-3333-4333-8333-333333333333',
  siteName: 'Tucson',
};
const STARTED = {
  ...APPT,
  appointmentId: '44444444-4444-4444-8444-444444444444',
  startAt: later(-0.2),
  endAt: later(0.6),
  status: 'checked_in',
};
const PREP = {
  prepId: '55555555-5555-4555-8555-555555555555',
  patientId: '66666666-6666-4666-8666-666666666666',
  appointmentId: APPT.appointmentId,
  appointmentStartAt: APPT.startAt,
  topics: ['Sleep', 'My sister'],
  recentFeelings: 'Tired',
  urgentConcern: null,
  createdAt: '2026-12-01T10:00:00Z',
  updatedAt: '2026-12-01T10:00:00Z',
};

describe('prep rules', () => {
  it('takes one topic a line and refuses an empty, too long or unexplained urgent prep in sentences', () => {
    expect(topicsOf(' Sleep \n\n My sister\n')).toEqual(['Sleep', 'My sister']);
    expect(prepProblem([], ' ', false, '')).toBe('Write at least one thing you want to talk about before you send your prep.');
    expect(
      prepProblem(
        Array.from({ length: 11 }, (_, i) => `t${i}`),
        '',
        false,
        '',
      ),
    ).toMatch(/^You can list up to 10 topics/);
    expect(prepProblem(['ok', 'x'.repeat(301)], '', false, '')).toBe('Topic 2 is longer than 300 characters. Split it over two lines.');
    expect(prepProblem(['ok'], '', true, ' ')).toBe('Write what your urgent concern is, or untick the box.');
    expect(prepProblem([], '', true, 'Panic at work')).toBeNull();
  });

  it('is open for a booked appointment until it starts', () => {
    const now = new Date('2026-12-08T10:00:00Z');
    expect(prepOpen({ status: 'scheduled', startAt: '2026-12-08T10:00:01Z' }, now)).toBe(true);
    expect(prepOpen({ status: 'scheduled', startAt: '2026-12-08T10:00:00Z' }, now)).toBe(false);
    expect(prepOpen({ status: 'checked_in', startAt: '2026-12-09T10:00:00Z' }, now)).toBe(false);
  });
});

describe('AppointmentsPage', () => {
  it('lists the upcoming sessions and sends a prep with topics and an urgent concern, saying who is told and that it is not an emergency line', async () => {
    const { calls } = renderWithApi(<AppointmentsPage />, (method, path, body) => {
      if (path === '/api/v1/portal/appointments/upcoming') return json([APPT, STARTED]);
      if (path === '/api/v1/portal/session-preps' && method === 'GET') return json([]);
      return json({ ...PREP, ...(body as object) });
    });
    expect((await screen.findAllByText(/with Dr\. Maya Chen, at Tucson\./)).length).toBe(2);
    // The session under way cannot be prepared any more.
    expect(screen.getByText('This session has started, so its prep can no longer be changed.')).toBeTruthy();
    expect(screen.getByText('You are checked in.')).toBeTruthy();

    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /^Prepare for this session/ }));
    const form = screen.getByRole('form', { name: /^Prepare for your session on/ });
    expect(within(form).getByText(/Your therapist reads your prep before the session\./)).toBeTruthy();
    await user.type(within(form).getByLabelText('What do you want to talk about?'), 'Sleep{Enter}  {Enter}Work stress');
    await user.click(within(form).getByRole('checkbox', { name: 'I have an urgent concern' }));
    expect(within(form).getByText(/sends your therapist a notice in Cairn/).textContent).toMatch(/It is not an emergency line/);
    expect(within(form).getByText(/call or text 988 now, or call 911/)).toBeTruthy();
    expect(within(form).getByRole('link', { name: 'Call or text 988' }).getAttribute('href')).toBe('tel:988');
    await user.type(within(form).getByLabelText('What is worrying you?'), 'Panic attack on Monday');
    await user.click(within(form).getByRole('button', { name: 'Send to my therapist' }));
    await screen.findByText('Saved. Your therapist can read it.');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      appointmentId: APPT.appointmentId,
      topics: ['Sleep', 'Work stress'],
      recentFeelings: null,
      urgentConcern: 'Panic attack on Monday',
    });
  });

  it('shows a sent prep and edits it; an empty prep is refused before sending and the API’s refusal is a sentence', async () => {
    const { calls } = renderWithApi(<AppointmentsPage />, (method, path) => {
      if (path === '/api/v1/portal/appointments/upcoming') return json([APPT]);
      if (path === '/api/v1/portal/session-preps' && method === 'GET') return json([PREP]);
      return json(
        {
          type: 'about:blank',
          title: 'Unprocessable Entity',
          status: 422,
          detail: 'appointmentId must name an upcoming appointment; this one has started or is past',
          errors: [{ field: 'appointmentId', message: 'appointmentId must name an upcoming appointment; this one has started or is past' }],
        },
        422,
      );
    });
    expect(await screen.findByText('Sleep')).toBeTruthy();
    expect(screen.getByText(/Your prep was sent to your therapist/)).toBeTruthy();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: /^Change your prep/ }));
    const topics = screen.getByLabelText('What do you want to talk about?');
    expect((topics as HTMLTextAreaElement).value).toBe('Sleep\nMy sister');
    await user.clear(topics);
    await user.clear(screen.getByLabelText('How have you been feeling lately? (optional)'));
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(screen.getByRole('alert').textContent).toBe('Write at least one thing you want to talk about before you send your prep.');
    expect(calls.filter((c) => c.method === 'POST')).toHaveLength(0);

    await user.type(topics, 'Sleep');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    const alert = await screen.findByText(/This could not be saved\./);
    expect(alert.textContent).toBe(
      '⚠ This could not be saved. The appointment must name an upcoming appointment; this one has started or is past.',
    );
    expect(alert.textContent).not.toMatch(/appointmentId|422/);
  });

  it('says so when there is nothing booked, and when the appointments cannot be read', async () => {
    renderWithApi(<AppointmentsPage />, (_m, path) =>
      path === '/api/v1/portal/appointments/upcoming' ? json({ title: 'Internal Server Error', status: 500 }, 500) : json([]),
    );
    expect(await screen.findByText('Something went wrong on our side. Try again in a moment.')).toBeTruthy();
  });

  it('has nothing booked', async () => {
    renderWithApi(<AppointmentsPage />, () => json([]));
    expect(await screen.findByText('You have no upcoming appointments. Contact your clinic to book one.')).toBeTruthy();
  });
});
