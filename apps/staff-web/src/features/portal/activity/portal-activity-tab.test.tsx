import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { moodSummary } from './mood-section';
import { APPOINTMENT, emptyPortal, homework, json, PATIENT, problem, renderTab, THERAPIST } from './portal-fake-api.testing';

const base = `/api/v1/patients/${PATIENT}`;

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('Portal activity tab', () => {
  it('shows only the refusal in words when the API answers 403: no section, no action', async () => {
    const sent = renderTab({
      [`GET ${base}/portal-activity`]: () => problem(403, 'Forbidden', 'You do not have permission "portal.activity.view" here.'),
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Not allowed.');
    expect(alert.textContent).not.toContain('portal.activity.view');
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Portal activity');
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByRole('navigation', { name: 'On this tab' })).toBeNull();
    expect(sent.map((s) => s.path)).toEqual([`${base}/portal-activity`]);
  });

  it('says who may open it when the API answers 404 (not the primary therapist)', async () => {
    renderTab({ [`GET ${base}/portal-activity`]: () => problem(404, 'Not Found', 'No patient with that id in your scope.') });
    await screen.findByRole('alert');
    expect(screen.getByText(/open to their primary therapist .* and to portal administrators/)).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('shows every section with its empty state and the actions the permissions allow', async () => {
    renderTab(emptyPortal());
    expect(await screen.findByText('No homework assigned yet.')).toBeTruthy();
    expect(await screen.findByText(/No shared mood check-ins from Nov 6, 2026 to Dec 5, 2026\./)).toBeTruthy();
    expect(await screen.findByText('The client has not shared any journal entries.')).toBeTruthy();
    expect(await screen.findByText('No upcoming appointment.')).toBeTruthy();
    expect(await screen.findByText('No crisis alerts.')).toBeTruthy();
    const index = screen.getByRole('navigation', { name: 'On this tab' });
    expect(
      within(index)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toContain('Homework');
    for (const name of ['Assign homework', 'Recommend a resource', 'Send a question'])
      expect(screen.getByRole('button', { name })).toBeTruthy();
  });

  it('offers no write action to a user holding only portal.activity.view', async () => {
    renderTab(
      {
        ...emptyPortal(),
        [`GET ${base}/homework`]: () =>
          json({ items: [homework({ status: 'completed', completedAt: '2026-12-04T10:00:00Z' })], page: 1, pageSize: 100, total: 1 }),
      },
      ['patients.view', 'portal.activity.view'],
    );
    await screen.findByText(/Handed in/);
    expect(screen.queryByRole('button', { name: /Assign homework|Recommend a resource|Send a question|Review/ })).toBeNull();
  });

  it('shows the shared mood trend as a summary and a table of the same figures, and low check-ins marked in words', async () => {
    const trend = {
      patientId: PATIENT,
      from: '2026-11-06',
      to: '2026-12-05',
      entries: 3,
      averageScore: 4.3,
      latestScore: 2,
      change: -3,
      days: [
        { date: '2026-11-10', averageScore: 7, entries: 1 },
        { date: '2026-11-28', averageScore: 4, entries: 1 },
        { date: '2026-12-05', averageScore: 2, entries: 1 },
      ],
      topSymptoms: [{ symptom: 'LOW_MOOD', count: 2 }],
      attendance: null,
    };
    renderTab({
      ...emptyPortal(),
      [`GET ${base}/mood-trends`]: () => json(trend),
      [`GET ${base}/mood-entries`]: () =>
        json({
          items: [
            {
              moodEntryId: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee',
              patientId: PATIENT,
              entryDate: '2026-12-05',
              score: 2,
              symptoms: ['ANXIETY', 'INSOMNIA'],
              note: 'Rough week',
              sharedWithClinician: true,
              createdAt: '2026-12-05T09:00:00Z',
            },
          ],
          page: 1,
          pageSize: 10,
          total: 1,
        }),
    });
    const summary = moodSummary(trend as never);
    expect(summary).toBe(
      '3 shared check-ins from Nov 6, 2026 to Dec 5, 2026, average 4.3 out of 10, latest 2. The second half of the period averaged 3 points lower (worse) than the first. Most noted: low mood (2).',
    );
    expect(await screen.findByText(summary)).toBeTruthy();
    const daily = screen.getByRole('table', { name: 'Average shared mood per day' });
    expect(within(daily).getAllByRole('row')).toHaveLength(4);
    expect(within(daily).getByText('Dec 5, 2026').closest('tr')!.textContent).toContain('2');
    const entries = await screen.findByRole('region', { name: 'Shared mood check-ins table' });
    expect(entries.textContent).toContain('2 of 10 ⚠ Low');
    expect(entries.textContent).toContain('Anxiety, Insomnia');
    expect(entries.textContent).toContain('Rough week');
  });

  it('tells a portal admin they also see what the client did not share, and marks each such entry', async () => {
    renderTab(
      {
        ...emptyPortal(),
        [`GET ${base}/journal-entries`]: () =>
          json({
            items: [
              {
                journalEntryId: '33333333-3333-4333-8333-333333333333',
                patientId: PATIENT,
                title: 'Private thoughts',
                body: 'Only for me.',
                sharedWithClinician: false,
                createdAt: '2026-12-01T10:00:00Z',
                updatedAt: '2026-12-01T10:00:00Z',
              },
            ],
            page: 1,
            pageSize: 10,
            total: 1,
          }),
      },
      ['patients.view', 'portal.activity.view', 'portal.admin'],
    );
    expect(await screen.findByText(/As a portal administrator you also see what the client did not share/)).toBeTruthy();
    const entry = (await screen.findByText('Only for me.')).closest('li')!;
    expect(entry.textContent).toContain('Not shared with the therapist');
    expect(screen.getByRole('heading', { name: 'Journal entries' })).toBeTruthy();
    expect(await screen.findByText(/^No mood check-ins from/)).toBeTruthy();
  });

  it('tells the primary therapist that what the client kept private is not shown', async () => {
    renderTab(emptyPortal(), ['patients.view', 'portal.activity.view']);
    expect(await screen.findByText(/Anything the client kept private is not shown here\./)).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Shared journal entries' })).toBeTruthy();
  });

  it('shows the next appointment with the client’s prep, an urgent concern first', async () => {
    const sent = renderTab({
      ...emptyPortal(),
      [`GET ${base}/portal-activity`]: () =>
        json({
          patientId: PATIENT,
          today: '2026-12-05',
          generatedAt: '2026-12-05T12:00:00Z',
          sections: {},
          upcomingAppointments: [
            {
              appointmentId: APPOINTMENT,
              startAt: '2026-12-08T17:00:00Z',
              endAt: '2026-12-08T18:00:00Z',
              status: 'scheduled',
              serviceType: 'individual_therapy',
              providerId: THERAPIST,
              providerName: 'Dr. Maya Ortiz',
              siteId: 'ffffffff-ffff-4fff-8fff-ffffffffffff',
              siteName: 'Tucson Central',
            },
          ],
        }),
      [`GET ${base}/appointments/${APPOINTMENT}/prep`]: () =>
        json({
          appointmentId: APPOINTMENT,
          prep: {
            prepId: '11111111-1111-4111-8111-111111111111',
            patientId: PATIENT,
            appointmentId: APPOINTMENT,
            appointmentStartAt: '2026-12-08T17:00:00Z',
            topics: ['Sleep', 'Work stress'],
            recentFeelings: 'Tired',
            urgentConcern: 'I had a panic attack on Monday',
            createdAt: '2026-12-05T08:00:00Z',
            updatedAt: '2026-12-05T08:00:00Z',
          },
          recentMood: [],
          averageMood: null,
          homework: null,
        }),
    });
    expect(await screen.findByText('I had a panic attack on Monday')).toBeTruthy();
    expect(screen.getByText('Work stress')).toBeTruthy();
    expect(screen.getByText(/individual therapy with Dr. Maya Ortiz at Tucson Central/)).toBeTruthy();
    expect(sent.some((s) => s.path === `${base}/appointments/${APPOINTMENT}/prep`)).toBe(true);
  });

  it('acknowledges a crisis alert and shows it acknowledged; a refused acknowledgement is a sentence', async () => {
    const alert = {
      alertId: '22222222-2222-4222-8222-222222222222',
      patientId: PATIENT,
      firstOpenAt: '2026-12-02T10:00:00Z',
      raisedAt: '2026-12-04T10:00:00Z',
      lastOpenAt: '2026-12-04T10:00:00Z',
      openCount: 3,
      live: true,
      acknowledgedAt: null as string | null,
      acknowledgedBy: null as string | null,
    };
    let refuse = true;
    const sent = renderTab({
      ...emptyPortal(),
      [`GET ${base}/crisis-toolkit/usage`]: () =>
        json({ patientId: PATIENT, opens: [{ openedAt: '2026-12-04T10:00:00Z', alertId: alert.alertId }], alerts: [alert] }),
      [`POST ${base}/crisis-alerts/${alert.alertId}/acknowledge`]: () => {
        if (refuse) return problem(404, 'Not Found', 'No crisis alert with that id for this patient.');
        alert.acknowledgedAt = '2026-12-05T12:01:00Z';
        alert.acknowledgedBy = THERAPIST;
        return json(alert);
      },
    });
    expect(await screen.findByText(/once in\s+the last 7 days|once in the last 7 days/)).toBeTruthy();
    await userEvent.click(await screen.findByRole('button', { name: 'Acknowledge: I will reach out' }));
    expect((await screen.findByRole('alert')).textContent).toContain('No crisis alert with that id for this patient.');
    refuse = false;
    await userEvent.click(screen.getByRole('button', { name: 'Acknowledge: I will reach out' }));
    expect(await screen.findByText(/✓ Acknowledged/)).toBeTruthy();
    expect(sent.filter((s) => s.method === 'POST').map((s) => s.path)).toEqual([
      `${base}/crisis-alerts/${alert.alertId}/acknowledge`,
      `${base}/crisis-alerts/${alert.alertId}/acknowledge`,
    ]);
  });

  it('lists shared journal entries, session reviews and goals with progress', async () => {
    renderTab({
      ...emptyPortal(),
      [`GET ${base}/journal-entries`]: () =>
        json({
          items: [
            {
              journalEntryId: '33333333-3333-4333-8333-333333333333',
              patientId: PATIENT,
              title: 'Sunday',
              body: 'I went for a walk.',
              sharedWithClinician: true,
              createdAt: '2026-12-01T10:00:00Z',
              updatedAt: '2026-12-01T10:00:00Z',
            },
          ],
          page: 1,
          pageSize: 10,
          total: 1,
        }),
      [`GET ${base}/session-reviews`]: () =>
        json({
          items: [
            {
              reviewId: '44444444-4444-4444-8444-444444444444',
              patientId: PATIENT,
              appointmentId: APPOINTMENT,
              appointmentStartAt: '2026-11-28T17:00:00Z',
              clinicianId: THERAPIST,
              status: 'submitted',
              promptedAt: '2026-11-28T18:00:00Z',
              rating: 4,
              feedback: 'Helpful session',
              sharedWithClinician: true,
              anonymous: false,
              submittedAt: '2026-11-28T20:00:00Z',
            },
          ],
          page: 1,
          pageSize: 10,
          total: 1,
        }),
      [`GET ${base}/goals`]: () =>
        json({
          items: [
            {
              goalId: '55555555-5555-4555-8555-555555555555',
              patientId: PATIENT,
              title: 'Sleep 7 hours',
              description: null,
              targetDate: '2027-01-31',
              status: 'active',
              progress: 40,
              createdByKind: 'client',
              createdBy: PATIENT,
              createdAt: '2026-11-01T10:00:00Z',
              updatedAt: '2026-12-01T10:00:00Z',
            },
          ],
        }),
    });
    expect(await screen.findByText('I went for a walk.')).toBeTruthy();
    expect(await screen.findByText('Helpful session')).toBeTruthy();
    expect(screen.getByText(/Rated 4 of 5/)).toBeTruthy();
    const progress = await screen.findByRole('progressbar', { name: 'Progress of Sleep 7 hours' });
    expect(progress.getAttribute('value')).toBe('40');
    expect(screen.getByText(/◷ In progress · 40%/)).toBeTruthy();
    // Every section has loaded (a tool's announcer region may stay, empty).
    await waitFor(() => expect(screen.queryByText(/^Loading/)).toBeNull());
  });
});
