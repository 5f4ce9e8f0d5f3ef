import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it } from 'vitest';

import { json, renderWithApi } from '../../shared/render.testing';
import { Shell } from '../../shared/shell';
import { notificationTarget } from './notification-links';
import { NotificationsPage } from './notifications-page';

const SUMMARY_ID = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const note = (over: Record<string, unknown>) => ({
  notificationId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa1',
  kind: 'session_summary.shared',
  recordKind: 'session_summary',
  recordId: SUMMARY_ID,
  message: 'Your therapist shared a session summary.',
  createdAt: '2026-12-01T15:00:00Z',
  readAt: null,
  ...over,
});
const SUMMARY = note({});
const DECIDED = note({
  notificationId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa2',
  kind: 'change_request.denied',
  recordKind: 'change_request',
  recordId: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
  message: 'Your request to change therapist was decided. See the reason.',
});
const HOMEWORK = note({
  notificationId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa3',
  kind: 'homework.assigned',
  recordKind: 'homework',
  message: 'Your therapist gave you new homework.',
  readAt: '2026-12-01T16:00:00Z',
});
const page = (items: unknown[], unread: number) => json({ items, page: 1, pageSize: 20, total: items.length, unread });

const routes = (
  <Routes>
    <Route path="/notifications" element={<NotificationsPage />} />
    <Route path="/session-summaries/:summaryId" element={<h1>The summary screen</h1>} />
  </Routes>
);

describe('NotificationsPage', () => {
  it('marks the unread ones in words, says what each is without its content, and opens a summary marking it read', async () => {
    let read = false;
    const { calls } = renderWithApi(
      routes,
      (method, path) => {
        if (method === 'POST' && path === `/api/v1/portal/notifications/${SUMMARY.notificationId}/read`) {
          read = true;
          return json({ ...SUMMARY, readAt: '2026-12-02T10:00:00Z' });
        }
        return page([read ? { ...SUMMARY, readAt: '2026-12-02T10:00:00Z' } : SUMMARY, DECIDED, HOMEWORK], read ? 1 : 2);
      },
      { path: '/notifications' },
    );
    expect(await screen.findByText('You have 2 unread notifications.')).toBeTruthy();
    const items = screen.getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(within(items[0]!).getByText('New')).toBeTruthy();
    expect(within(items[2]!).queryByText('New')).toBeNull();
    expect(screen.getByText(/safe to see on a shared screen/)).toBeTruthy();
    // A decided change request has no screen: only "Mark as read".
    expect(within(items[1]!).queryByRole('link')).toBeNull();
    expect(within(items[1]!).getByRole('button', { name: 'Mark as read' })).toBeTruthy();

    await userEvent.setup().click(within(items[0]!).getByRole('link', { name: 'Read the summary' }));
    expect(await screen.findByRole('heading', { name: 'The summary screen' })).toBeTruthy();
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe(`/api/v1/portal/notifications/${SUMMARY.notificationId}/read`);
    expect(post?.authorization).toBe('Bearer access-1');
  });

  it('marks all read in one call, and the unread count follows', async () => {
    let unread = 2;
    const { calls } = renderWithApi(
      routes,
      (method, path) => {
        if (method === 'POST' && path === '/api/v1/portal/notifications/read-all') {
          unread = 0;
          return json({ marked: 2 });
        }
        return page(
          unread
            ? [SUMMARY, DECIDED]
            : [
                { ...SUMMARY, readAt: 'x' },
                { ...DECIDED, readAt: 'x' },
              ],
          unread,
        );
      },
      { path: '/notifications' },
    );
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Mark all as read' }));
    expect(await screen.findByText('You have no unread notifications.')).toBeTruthy();
    expect(calls.filter((c) => c.path === '/api/v1/portal/notifications/read-all')).toHaveLength(1);
    expect(screen.queryByRole('button', { name: 'Mark all as read' })).toBeNull();
  });

  it('says so when there is nothing yet', async () => {
    renderWithApi(routes, () => page([], 0), { path: '/notifications' });
    expect(await screen.findByText(/When your therapist shares something with you, it shows up here/)).toBeTruthy();
  });

  it('shows a refused mark as a sentence, not a status code', async () => {
    renderWithApi(
      routes,
      (method) =>
        method === 'POST'
          ? json({ status: 404, title: 'Not Found', detail: 'No notification with that id in your portal.' }, 404)
          : page([DECIDED], 1),
      { path: '/notifications' },
    );
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Mark as read' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('We could not find this.');
    expect(alert.textContent).not.toMatch(/404/);
  });
});

describe('the header', () => {
  it('shows the unread count in words beside Notifications, on every signed-in screen', async () => {
    const { calls } = renderWithApi(
      <Routes>
        <Route
          path="/mood"
          element={
            <Shell>
              <h1>Mood</h1>
            </Shell>
          }
        />
      </Routes>,
      (_m, path) => (path === '/api/v1/portal/notifications' ? page([SUMMARY], 3) : json({}, 404)),
      { path: '/mood' },
    );
    const link = await screen.findByRole('link', { name: 'Notifications 3 unread' });
    expect(link.getAttribute('href')).toBe('/notifications');
    expect(calls.find((c) => c.path.startsWith('/api/v1/portal/notifications'))?.path).toBe(
      '/api/v1/portal/notifications?unread=true&pageSize=1',
    );
  });
});

describe('notificationTarget', () => {
  it('links each kind of record to its screen', () => {
    const t = (recordKind: string) => notificationTarget({ recordKind, recordId: SUMMARY_ID });
    expect(t('homework')).toBe('/homework');
    expect(t('resource')).toBe('/resources');
    expect(t('session_summary')).toBe(`/session-summaries/${SUMMARY_ID}`);
    expect(t('audio_message')).toBe('/audio-messages');
    expect(t('session_review')).toBe(`/session-reviews/${SUMMARY_ID}`);
    expect(t('prompt')).toBe('/');
    expect(t('change_request')).toBeNull();
  });
});
