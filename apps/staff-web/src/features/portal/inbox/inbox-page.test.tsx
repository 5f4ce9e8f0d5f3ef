import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { PortalInboxNavLink } from './inbox-live';
import { InboxPage } from './inbox-page';
import { json, meWith, PATIENT, problem, renderAt, sseResponse, stubApi, THERAPIST_PERMISSIONS } from './portal-fixture';

const LIST_PATH = '/api/v1/therapist/portal-notifications';
const STREAM_PATH = `${LIST_PATH}/stream`;
const routes = [{ path: '/portal/inbox', element: <InboxPage /> }];

function notification(over: Partial<Record<string, unknown>> = {}) {
  return {
    notificationId: '11111111-1111-4111-8111-111111111111',
    patientId: PATIENT,
    kind: 'crisis_toolkit.alert',
    recordKind: 'crisis_alert',
    recordId: '22222222-2222-4222-8222-222222222222',
    createdAt: '2026-12-05T10:00:00.000Z',
    readAt: null,
    ...over,
  };
}

const page = (items: unknown[], unread = items.filter((n) => (n as { readAt: unknown }).readAt === null).length) =>
  json({ items, page: 1, pageSize: 25, total: items.length, unread });

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('Portal inbox', () => {
  it('says each notification in plain words with the client’s name, links the portal tab, and marks it read', async () => {
    let read = false;
    const marks: unknown[] = [];
    const stream = sseResponse();
    stubApi(meWith(THERAPIST_PERMISSIONS), async (req, url) => {
      if (url.pathname === STREAM_PATH) return stream.response;
      if (url.pathname === LIST_PATH) {
        const items = [
          notification({ readAt: read ? '2026-12-05T11:00:00.000Z' : null }),
          notification({
            notificationId: '33333333-3333-4333-8333-333333333333',
            kind: 'journal_entry.shared',
            readAt: '2026-12-04T09:00:00.000Z',
          }),
        ];
        return page(items);
      }
      if (url.pathname === `${LIST_PATH}/11111111-1111-4111-8111-111111111111/read` && req.method === 'POST') {
        marks.push(await req.json());
        read = true;
        return json(notification({ readAt: '2026-12-05T11:00:00.000Z' }));
      }
      return undefined;
    });
    renderAt('/portal/inbox', routes, <PortalInboxNavLink />);
    const list = await screen.findByRole('list', { name: 'Portal notifications' });
    const alert = await within(list).findByText("Alex Rivera's crisis toolkit was opened 3 times in 7 days. Reach out to them.");
    const item = alert.closest('li')!;
    expect(item.textContent).toContain('Needs attention');
    expect(item.textContent).toContain('Unread');
    expect(within(item).getByRole('link', { name: 'Open Alex Rivera’s portal tab' }).getAttribute('href')).toBe(
      `/patients/${PATIENT}/portal`,
    );
    expect(within(list).getByText('Alex Rivera shared a journal entry with you.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Notifications: 1 unread' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Portal inbox (1 unread)' })).toBeTruthy();

    fireEvent.click(within(item).getByRole('button', { name: /^Mark read/ }));
    await screen.findByRole('heading', { name: 'Notifications: all read' });
    expect(marks).toEqual([{ read: true }]);
    await waitFor(() => expect(screen.getByRole('link', { name: 'Portal inbox' }).textContent).toBe('Portal inbox'));
  });

  it('shows a notification that arrives on the stream without a reload, announces it politely and leaves focus alone', async () => {
    let items = [
      notification({
        kind: 'mood_entry.logged',
        notificationId: '44444444-4444-4444-8444-444444444444',
        readAt: '2026-12-01T00:00:00.000Z',
      }),
    ];
    const stream = sseResponse();
    const seen = stubApi(meWith(THERAPIST_PERMISSIONS), (_req, url) => {
      if (url.pathname === STREAM_PATH) return stream.response;
      if (url.pathname === LIST_PATH) return page(items);
      return undefined;
    });
    renderAt('/portal/inbox', routes, <PortalInboxNavLink />);
    await screen.findByText('Alex Rivera logged a mood check-in.');
    await screen.findByText('Live');
    const streamRequest = seen.find((r) => new URL(r.url).pathname === STREAM_PATH)!;
    expect(streamRequest.headers.get('Authorization')).toBe('Bearer a');
    expect(streamRequest.headers.get('Accept')).toBe('text/event-stream');

    const show = screen.getByLabelText('Show');
    show.focus();
    const fresh = notification({ createdAt: new Date().toISOString() });
    items = [fresh, ...items];
    await act(async () => stream.send('portal-notification', fresh, fresh.notificationId));
    await screen.findByText("Alex Rivera's crisis toolkit was opened 3 times in 7 days. Reach out to them.");
    const announcer = screen.getByTestId('portal-inbox-announcer');
    expect(announcer.getAttribute('aria-live')).toBe('polite');
    await waitFor(() =>
      expect(announcer.textContent).toBe(
        "New portal notification: Alex Rivera's crisis toolkit was opened 3 times in 7 days. Reach out to them.",
      ),
    );
    expect(document.activeElement).toBe(show);
    await screen.findByRole('link', { name: 'Portal inbox (1 unread)' });

    // The same id again (the server replays the last minute on reconnect) is not news twice.
    const listCalls = () => seen.filter((r) => new URL(r.url).pathname === LIST_PATH).length;
    const before = listCalls();
    await act(async () => stream.send('portal-notification', fresh, fresh.notificationId));
    await new Promise((r) => setTimeout(r, 50));
    expect(listCalls()).toBe(before);
  });

  it('reconnects after the stream drops ("Reconnecting…") and delivers what arrives on the new connection', async () => {
    const streams = [sseResponse(), sseResponse()];
    let opened = 0;
    let items: unknown[] = [];
    stubApi(meWith(THERAPIST_PERMISSIONS), (_req, url) => {
      if (url.pathname === STREAM_PATH) return streams[opened++]?.response ?? problem(503, 'Service Unavailable', 'down');
      if (url.pathname === LIST_PATH) return page(items);
      return undefined;
    });
    renderAt('/portal/inbox', routes);
    await screen.findByText('No portal activity from your clients yet.');
    await screen.findByText('Live');
    await act(async () => streams[0]!.end());
    await screen.findByText('Reconnecting…');
    await screen.findByText('Live', undefined, { timeout: 6000 });
    expect(opened).toBe(2);
    const fresh = notification({ kind: 'homework.completed', createdAt: new Date().toISOString() });
    items = [fresh];
    await act(async () => streams[1]!.send('portal-notification', fresh, fresh.notificationId));
    await screen.findByText('Alex Rivera handed in homework.');
  }, 15_000);

  it('a refused list (403) shows only the refusal in words, and a refused stream is "Not live"', async () => {
    stubApi(meWith(['patients.view']), (_req, url) => {
      if (url.pathname === LIST_PATH || url.pathname === STREAM_PATH)
        return problem(403, 'Forbidden', 'You do not have permission "portal.activity.view" here.');
      return undefined;
    });
    renderAt('/portal/inbox', routes);
    const refusal = await screen.findByRole('alert');
    expect(refusal.textContent).toContain("Your role does not let you see your clients' portal activity here.");
    expect(screen.queryByLabelText('Show')).toBeNull();
  });

  it('a failed "Mark read" says why in words beside the notification', async () => {
    stubApi(meWith(THERAPIST_PERMISSIONS), (req, url) => {
      if (url.pathname === STREAM_PATH) return problem(403, 'Forbidden', 'no');
      if (url.pathname === LIST_PATH) return page([notification({ kind: 'session_prep.urgent' })]);
      if (req.method === 'POST') return problem(404, 'Not Found', 'No portal notification with that id in your scope.');
      return undefined;
    });
    renderAt('/portal/inbox', routes);
    const words = await screen.findByText('Alex Rivera flagged an urgent concern before the next session.');
    await screen.findByText('Not live: reload the page for new activity');
    fireEvent.click(within(words.closest('li')!).getByRole('button', { name: /^Mark read/ }));
    const error = await within(words.closest('li')!).findByRole('alert');
    expect(error.textContent).toContain('This record was not found.');
  });
});
