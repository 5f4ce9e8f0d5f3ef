import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { json, meWith, PATIENT, problem, renderAt, stubApi, THERAPIST_PERMISSIONS } from '../inbox/portal-fixture';
import { SessionSummariesTool } from './session-summaries-tool';

const PATH = `/api/v1/patients/${PATIENT}/session-summaries`;
const SESSIONS = `${PATH}/sessions`;
const APPOINTMENT = '99999999-9999-4999-8999-999999999999';
const EARLIER = '99999999-9999-4999-8999-999999999998';
const SHARED = '99999999-9999-4999-8999-999999999997';
const SUMMARY = {
  summaryId: 'aaaaaaaa-0000-4000-8000-000000000001',
  patientId: PATIENT,
  appointmentId: APPOINTMENT,
  appointmentStartAt: '2026-12-01T17:00:00.000Z',
  clinicianName: 'Dr. Maya Chen',
  summary: 'We practised grounding. Next: the sleep log.',
  sharedBy: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
  sharedAt: '2026-12-01T19:00:00.000Z',
};
const session = (appointmentId: string, startAt: string, summaryId: string | null = null) => ({
  appointmentId,
  startAt,
  endAt: new Date(new Date(startAt).getTime() + 50 * 60_000).toISOString(),
  status: 'completed',
  serviceType: 'psychotherapy-45',
  clinicianId: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc',
  clinicianName: 'Dr. Maya Ortiz',
  siteId: 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee',
  siteName: 'Tucson Clinic',
  summaryId,
  summarySharedAt: summaryId ? '2026-11-20T19:00:00.000Z' : null,
});
const sessionsOf = (days: number, sessions: unknown[]) => json({ patientId: PATIENT, days, from: '2026-10-06T12:00:00.000Z', sessions });
const pageOf = (items: unknown[]) => json({ items, page: 1, pageSize: 10, total: items.length });
const THREE = [
  session(APPOINTMENT, '2026-12-01T17:00:00.000Z'),
  session(EARLIER, '2026-11-24T17:00:00.000Z'),
  session(SHARED, '2026-11-17T17:00:00.000Z', 'aaaaaaaa-0000-4000-8000-000000000009'),
];
const picker = (form: HTMLElement) => within(form).getByLabelText('The session this summary is for') as HTMLSelectElement;

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('Session summaries', () => {
  it('offers the held sessions to pick from, preselects the one named in the address and shares the summary for it', async () => {
    let items: unknown[] = [];
    let sessions = THREE;
    const posts: unknown[] = [];
    stubApi(meWith(THERAPIST_PERMISSIONS), async (req, url) => {
      if (url.pathname === SESSIONS) return sessionsOf(Number(url.searchParams.get('days')), sessions);
      if (url.pathname !== PATH) return undefined;
      if (req.method === 'POST') {
        posts.push(await req.json());
        items = [SUMMARY];
        sessions = [{ ...THREE[0]!, summaryId: SUMMARY.summaryId, summarySharedAt: SUMMARY.sharedAt }, ...THREE.slice(1)];
        return json(SUMMARY, 201);
      }
      return pageOf(items);
    });
    renderAt('/t', [{ path: '/t', element: <SessionSummariesTool patientId={PATIENT} appointmentId={APPOINTMENT} /> }]);
    await screen.findByText('No session summaries shared yet.');
    const form = screen.getByRole('form', { name: 'Share a session summary' });
    const select = await within(form).findByLabelText('The session this summary is for');
    expect((select as HTMLSelectElement).value).toBe(APPOINTMENT);
    const options = within(select).getAllByRole('option') as HTMLOptionElement[];
    expect(options.map((o) => o.value)).toEqual(['', APPOINTMENT, EARLIER, SHARED]);
    expect(options[1]!.textContent).toMatch(/^\w{3} \d{1,2} \w{3}, \d{2}:\d{2}–\d{2}:\d{2} with Dr\. Maya Ortiz at Tucson Clinic$/);
    expect(options[3]!.textContent).toMatch(/ — summary already shared$/);
    expect(options[3]!.disabled).toBe(true);

    fireEvent.change(within(form).getByLabelText('Summary'), { target: { value: 'We practised grounding. Next: the sleep log.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Share with the client' }));
    await screen.findByText('Shared. The client can read it in the portal now.');
    expect(posts).toEqual([{ appointmentId: APPOINTMENT, summary: 'We practised grounding. Next: the sleep log.' }]);
    const list = await screen.findByRole('list', { name: 'Session summaries shared' });
    expect(within(list).getByText(/with Dr\. Maya Chen/)).toBeTruthy();
    // The list is fetched again: the session now says its summary was shared and cannot be chosen twice.
    await within(form).findByText('A summary of the session named in the link you followed has been shared already.');
    const first = within(picker(form)).getAllByRole('option')[1] as HTMLOptionElement;
    expect(first.disabled).toBe(true);
    expect(picker(form).value).toBe('');
  });

  it('shares for a session picked from the list, looking further back when a longer period is chosen', async () => {
    const posts: unknown[] = [];
    const asked: string[] = [];
    stubApi(meWith(THERAPIST_PERMISSIONS), async (req, url) => {
      if (url.pathname === SESSIONS) {
        asked.push(url.search);
        const days = Number(url.searchParams.get('days'));
        return sessionsOf(days, days === 60 ? THREE.slice(0, 1) : THREE);
      }
      if (url.pathname !== PATH) return undefined;
      if (req.method === 'POST') {
        posts.push(await req.json());
        return json({ ...SUMMARY, appointmentId: EARLIER }, 201);
      }
      return pageOf([]);
    });
    renderAt('/t', [{ path: '/t', element: <SessionSummariesTool patientId={PATIENT} /> }]);
    const form = await screen.findByRole('form', { name: 'Share a session summary' });
    await within(form).findByLabelText('The session this summary is for');
    expect(picker(form).value).toBe('');
    fireEvent.change(within(form).getByLabelText('Show sessions held in'), { target: { value: '365' } });
    await within(await within(form).findByLabelText('The session this summary is for')).findByRole('option', { name: /24 Nov/ });
    expect(asked).toEqual(['?days=60', '?days=365']);
    fireEvent.change(picker(form), { target: { value: EARLIER } });
    fireEvent.change(within(form).getByLabelText('Summary'), { target: { value: 'Notes' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Share with the client' }));
    await screen.findByText('Shared. The client can read it in the portal now.');
    expect(posts).toEqual([{ appointmentId: EARLIER, summary: 'Notes' }]);
  });

  it('says why a summary was refused: an appointment that is not completed (422) and a second summary (409)', async () => {
    let answer = problem(422, 'Unprocessable Entity', 'Only a completed appointment of this client can have a summary.', [
      { field: 'appointmentId', message: 'must be a completed appointment of this client' },
    ]);
    stubApi(meWith(THERAPIST_PERMISSIONS), (req, url) =>
      url.pathname === SESSIONS ? sessionsOf(60, THREE) : url.pathname !== PATH ? undefined : req.method === 'POST' ? answer : pageOf([]),
    );
    renderAt('/t', [{ path: '/t', element: <SessionSummariesTool patientId={PATIENT} appointmentId={APPOINTMENT} /> }]);
    const form = await screen.findByRole('form', { name: 'Share a session summary' });
    await within(form).findByLabelText('The session this summary is for');
    fireEvent.change(within(form).getByLabelText('Summary'), { target: { value: 'Notes' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Share with the client' }));
    expect(await within(form).findByText('Appointment must be a completed appointment of this client.')).toBeTruthy();
    answer = problem(409, 'Conflict', 'This appointment already has a summary.');
    fireEvent.click(within(form).getByRole('button', { name: 'Share with the client' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('This appointment already has a summary.');
  });

  it('checks that a session is chosen and a summary written before sending', async () => {
    const seen = stubApi(meWith(THERAPIST_PERMISSIONS), (_req, url) =>
      url.pathname === SESSIONS ? sessionsOf(60, THREE) : url.pathname === PATH ? pageOf([]) : undefined,
    );
    renderAt('/t', [{ path: '/t', element: <SessionSummariesTool patientId={PATIENT} /> }]);
    const form = await screen.findByRole('form', { name: 'Share a session summary' });
    await within(form).findByLabelText('The session this summary is for');
    fireEvent.click(within(form).getByRole('button', { name: 'Share with the client' }));
    expect(await within(form).findByText('Choose the session this summary is for.')).toBeTruthy();
    expect(within(form).getByText('Write the summary the client will read.')).toBeTruthy();
    expect(picker(form).getAttribute('aria-invalid')).toBe('true');
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('never sends a linked appointment that is not among the held sessions, and says why it is not offered', async () => {
    const stale = '99999999-9999-4999-8999-999999999990';
    const seen = stubApi(meWith(THERAPIST_PERMISSIONS), (_req, url) =>
      url.pathname === SESSIONS ? sessionsOf(60, THREE) : url.pathname === PATH ? pageOf([]) : undefined,
    );
    renderAt('/t', [{ path: '/t', element: <SessionSummariesTool patientId={PATIENT} appointmentId={stale} /> }]);
    const form = await screen.findByRole('form', { name: 'Share a session summary' });
    expect(
      await within(form).findByText(
        'The session named in the link you followed is not a completed session of this client in the last 60 days, so it cannot be chosen. Choose a longer period above to look further back.',
      ),
    ).toBeTruthy();
    expect(picker(form).value).toBe('');
    fireEvent.change(within(form).getByLabelText('Summary'), { target: { value: 'Notes' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Share with the client' }));
    expect(await within(form).findByText('Choose the session this summary is for.')).toBeTruthy();
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('says plainly when no session was held in the period', async () => {
    stubApi(meWith(THERAPIST_PERMISSIONS), (_req, url) =>
      url.pathname === SESSIONS ? sessionsOf(60, []) : url.pathname === PATH ? pageOf([]) : undefined,
    );
    renderAt('/t', [{ path: '/t', element: <SessionSummariesTool patientId={PATIENT} /> }]);
    const form = await screen.findByRole('form', { name: 'Share a session summary' });
    expect(
      await within(form).findByText(
        'No session with this client was held in the last 60 days. A summary can be shared only for a session marked completed. Choose a longer period above to look further back.',
      ),
    ).toBeTruthy();
    expect(within(form).queryByLabelText('The session this summary is for')).toBeNull();
  });

  it('says when every session of the period has its summary already', async () => {
    stubApi(meWith(THERAPIST_PERMISSIONS), (_req, url) =>
      url.pathname === SESSIONS ? sessionsOf(60, THREE.slice(2)) : url.pathname === PATH ? pageOf([]) : undefined,
    );
    renderAt('/t', [{ path: '/t', element: <SessionSummariesTool patientId={PATIENT} /> }]);
    const form = await screen.findByRole('form', { name: 'Share a session summary' });
    expect(await within(form).findByText(/Every session held in the last 60 days has its summary already/)).toBeTruthy();
    expect(within(picker(form)).getByRole('option', { name: 'No session without a summary' })).toBeTruthy();
  });

  it("says in a sentence when the client's sessions cannot be loaded", async () => {
    stubApi(meWith(THERAPIST_PERMISSIONS), (_req, url) =>
      url.pathname === SESSIONS
        ? problem(403, 'Forbidden', 'You do not have the permission portal.summaries.manage.')
        : url.pathname === PATH
          ? pageOf([])
          : undefined,
    );
    renderAt('/t', [{ path: '/t', element: <SessionSummariesTool patientId={PATIENT} /> }]);
    const form = await screen.findByRole('form', { name: 'Share a session summary' });
    expect(
      await within(form).findByText("This client's sessions could not be loaded, so a summary cannot be shared just now."),
    ).toBeTruthy();
    expect(within(form).getByRole('alert').textContent).toContain('Not allowed.');
  });

  it('shows no share form without the permission, and asks for no sessions', async () => {
    const seen = stubApi(meWith(['patients.view', 'portal.activity.view']), (_req, url) =>
      url.pathname === PATH ? pageOf([]) : undefined,
    );
    renderAt('/t', [{ path: '/t', element: <SessionSummariesTool patientId={PATIENT} /> }]);
    await screen.findByText('No session summaries shared yet.');
    expect(screen.queryByRole('form', { name: 'Share a session summary' })).toBeNull();
    expect(seen.some((r) => new URL(r.url).pathname === SESSIONS)).toBe(false);
  });
});
