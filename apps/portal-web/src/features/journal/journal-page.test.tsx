import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';

import { json, renderWithApi } from '../../shared/render.testing';
import { JournalPage } from './journal-page';

const ENTRY = {
  journalEntryId: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
  patientId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  title: 'Sunday',
  body: 'A long walk helped.',
  sharedWithClinician: false,
  createdAt: '2026-01-01T10:00:00Z',
  updatedAt: '2026-01-01T10:00:00Z',
};

describe('JournalPage', () => {
  it('is private by default, visibly, and a new entry is posted as private', async () => {
    const { calls } = renderWithApi(<JournalPage />, (method, _path, body) =>
      method === 'GET'
        ? json({ items: [ENTRY], page: 1, pageSize: 20, total: 1 })
        : json({ ...ENTRY, ...(body as object), journalEntryId: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd' }, 201),
    );
    expect(screen.getByText('Your journal is private.')).toBeTruthy();
    expect((screen.getByRole('checkbox', { name: 'Share this entry with my therapist' }) as HTMLInputElement).checked).toBe(false);
    expect(await screen.findByText('Private: your therapist cannot see this')).toBeTruthy();

    const user = userEvent.setup();
    await user.type(screen.getByLabelText('What is on your mind?'), 'Hard day.');
    await user.click(screen.getByRole('button', { name: 'Save privately' }));
    await screen.findByText('Saved. Only you can see it.');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ body: 'Hard day.', sharedWithClinician: false });
  });

  it('shares one entry by the client’s choice (PATCH of that entry only)', async () => {
    let shared = false;
    const { calls } = renderWithApi(<JournalPage />, (method) => {
      if (method === 'PATCH') {
        shared = true;
        return json({ ...ENTRY, sharedWithClinician: true });
      }
      return json({ items: [{ ...ENTRY, sharedWithClinician: shared }], page: 1, pageSize: 20, total: 1 });
    });
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: 'Share with my therapist (Sunday)' }));
    await screen.findByText('Shared with your therapist');
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.path).toBe(`/api/v1/portal/journal-entries/${ENTRY.journalEntryId}`);
    expect(patch?.body).toEqual({ sharedWithClinician: true });
  });
});
