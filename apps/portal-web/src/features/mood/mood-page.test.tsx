import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { json, renderWithApi } from '../../shared/render.testing';
import { MoodPage } from './mood-page';

const PATIENT = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const TREND = {
  patientId: PATIENT,
  from: '2025-12-03',
  to: '2026-01-01',
  entries: 2,
  averageScore: 4.5,
  latestScore: 3,
  change: -3,
  days: [
    { date: '2025-12-20', averageScore: 6, entries: 1 },
    { date: '2026-01-01', averageScore: 3, entries: 1 },
  ],
  topSymptoms: [],
  attendance: null,
};

describe('MoodPage', () => {
  it('logs a low mood with symptoms, shared by default, and says who will see it', async () => {
    const { calls } = renderWithApi(<MoodPage />, (method, path, body) => {
      if (path === '/api/v1/portal/mood-trends') return json(TREND);
      if (path === '/api/v1/portal/mood-entries' && method === 'GET') return json({ items: [], page: 1, pageSize: 10, total: 0 });
      if (path === '/api/v1/portal/mood-entries' && method === 'POST')
        return json(
          {
            moodEntryId: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
            patientId: PATIENT,
            entryDate: '2026-01-01',
            ...(body as object),
            note: null,
            createdAt: '2026-01-01T10:00:00Z',
          },
          201,
        );
      return json({ status: 404, title: 'Not Found' }, 404);
    });
    const user = userEvent.setup();
    const share = screen.getByRole('checkbox', { name: 'Share this check-in with my therapist' });
    expect((share as HTMLInputElement).checked).toBe(true);
    expect(screen.getByText(/Your therapist will see your score, what you noticed and your note\./)).toBeTruthy();
    expect(screen.getByText(/portal administrators can see all portal records/)).toBeTruthy();

    await user.click(screen.getByRole('radio', { name: '2 (very low)' }));
    await user.click(screen.getByRole('checkbox', { name: 'Anxious or worried' }));
    await user.click(screen.getByRole('checkbox', { name: 'Trouble sleeping' }));
    await user.click(screen.getByRole('button', { name: 'Save check-in' }));
    await screen.findByText('Saved. Thank you for checking in: your therapist can see it.');
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.body).toEqual({ score: 2, symptoms: ['ANXIETY', 'INSOMNIA'], sharedWithClinician: true });
    expect(post?.authorization).toBe('Bearer access-1');
  });

  it('turning sharing off says the therapist will not see it, and sends false', async () => {
    const { calls } = renderWithApi(<MoodPage />, (method, path, body) => {
      if (path === '/api/v1/portal/mood-trends') return json(TREND);
      if (method === 'GET') return json({ items: [], page: 1, pageSize: 10, total: 0 });
      return json({ moodEntryId: 'x', patientId: PATIENT, entryDate: '2026-01-01', note: null, createdAt: '', ...(body as object) }, 201);
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('checkbox', { name: 'Share this check-in with my therapist' }));
    expect(screen.getByText(/Your therapist will not see this check-in\./)).toBeTruthy();
    await user.click(screen.getByRole('radio', { name: '7 (good)' }));
    await user.click(screen.getByRole('button', { name: 'Save check-in' }));
    await screen.findByText('Saved. Thank you for checking in. It is private.');
    expect((calls.find((c) => c.method === 'POST')?.body as { sharedWithClinician: boolean }).sharedWithClinician).toBe(false);
  });

  it('asks for a score in a sentence instead of posting without one', async () => {
    const { calls } = renderWithApi(<MoodPage />, (_m, path) =>
      path === '/api/v1/portal/mood-trends' ? json(TREND) : json({ items: [], page: 1, pageSize: 10, total: 0 }),
    );
    await userEvent.setup().click(screen.getByRole('button', { name: 'Save check-in' }));
    expect(screen.getByRole('alert').textContent).toBe('Choose a number from 1 to 10 for your mood.');
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('gives the 30-day chart a text alternative: a summary and the days as a table', async () => {
    renderWithApi(<MoodPage />, (_m, path) =>
      path === '/api/v1/portal/mood-trends' ? json(TREND) : json({ items: [], page: 1, pageSize: 10, total: 0 }),
    );
    const figure = await screen.findByRole('figure');
    expect(figure.textContent).toMatch(/2 check-ins from December 3 to January 1\. Your average was 4\.5 out of 10 \(okay\)\./);
    expect(figure.textContent).toMatch(/Your mood has dipped: 3\.0 points lower/);
    const table = within(figure).getByRole('table', { hidden: true });
    expect(within(table).getAllByRole('row', { hidden: true })).toHaveLength(3);
  });

  it('shows a refused save as a sentence, never the field key', async () => {
    renderWithApi(<MoodPage />, (method, path) => {
      if (path === '/api/v1/portal/mood-trends') return json(TREND);
      if (method === 'GET') return json({ items: [], page: 1, pageSize: 10, total: 0 });
      return json(
        {
          status: 400,
          title: 'Validation failed',
          errors: [{ field: 'note', message: 'note must be shorter than or equal to 2000 characters' }],
        },
        400,
      );
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('radio', { name: '5 (okay)' }));
    await user.click(screen.getByRole('button', { name: 'Save check-in' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Your note must be shorter than or equal to 2000 characters.');
    expect(alert.textContent).not.toMatch(/note:|\b400\b/);
  });
});
