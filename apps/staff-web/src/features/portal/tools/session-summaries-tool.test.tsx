import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { json, meWith, PATIENT, problem, renderAt, stubApi, THERAPIST_PERMISSIONS } from '../inbox/portal-fixture';
import { SessionSummariesTool } from './session-summaries-tool';

const PATH = `/api/v1/patients/${PATIENT}/session-summaries`;
const APPOINTMENT = '99999999-9999-4999-8999-999999999999';
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
const pageOf = (items: unknown[]) => json({ items, page: 1, pageSize: 10, total: items.length });

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('Session summaries', () => {
  it('lists shared summaries and shares a new one for the appointment named in the address', async () => {
    let items: unknown[] = [];
    const posts: unknown[] = [];
    stubApi(meWith(THERAPIST_PERMISSIONS), async (req, url) => {
      if (url.pathname !== PATH) return undefined;
      if (req.method === 'POST') {
        posts.push(await req.json());
        items = [SUMMARY];
        return json(SUMMARY, 201);
      }
      return pageOf(items);
    });
    renderAt('/t', [{ path: '/t', element: <SessionSummariesTool patientId={PATIENT} appointmentId={APPOINTMENT} /> }]);
    await screen.findByText('No session summaries shared yet.');
    const form = screen.getByRole('form', { name: 'Share a session summary' });
    expect((within(form).getByLabelText('Appointment') as HTMLInputElement).value).toBe(APPOINTMENT);
    fireEvent.change(within(form).getByLabelText('Summary'), { target: { value: 'We practised grounding. Next: the sleep log.' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Share with the client' }));
    await screen.findByText('Shared. The client can read it in the portal now.');
    expect(posts).toEqual([{ appointmentId: APPOINTMENT, summary: 'We practised grounding. Next: the sleep log.' }]);
    const list = await screen.findByRole('list', { name: 'Session summaries shared' });
    expect(within(list).getByText(/with Dr\. Maya Chen/)).toBeTruthy();
  });

  it('says why a summary was refused: an appointment that is not completed (422) and a second summary (409)', async () => {
    let answer = problem(422, 'Unprocessable Entity', 'Only a completed appointment of this client can have a summary.', [
      { field: 'appointmentId', message: 'must be a completed appointment of this client' },
    ]);
    stubApi(meWith(THERAPIST_PERMISSIONS), (req, url) => (url.pathname !== PATH ? undefined : req.method === 'POST' ? answer : pageOf([])));
    renderAt('/t', [{ path: '/t', element: <SessionSummariesTool patientId={PATIENT} appointmentId={APPOINTMENT} /> }]);
    const form = await screen.findByRole('form', { name: 'Share a session summary' });
    fireEvent.change(within(form).getByLabelText('Summary'), { target: { value: 'Notes' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Share with the client' }));
    expect(await within(form).findByText('Appointment must be a completed appointment of this client.')).toBeTruthy();
    answer = problem(409, 'Conflict', 'This appointment already has a summary.');
    fireEvent.click(within(form).getByRole('button', { name: 'Share with the client' }));
    expect((await within(form).findByRole('alert')).textContent).toContain('This appointment already has a summary.');
  });

  it('checks the appointment and the summary before sending', async () => {
    const seen = stubApi(meWith(THERAPIST_PERMISSIONS), (_req, url) => (url.pathname === PATH ? pageOf([]) : undefined));
    renderAt('/t', [{ path: '/t', element: <SessionSummariesTool patientId={PATIENT} /> }]);
    const form = await screen.findByRole('form', { name: 'Share a session summary' });
    fireEvent.click(within(form).getByRole('button', { name: 'Share with the client' }));
    expect(await within(form).findByText('Enter the appointment reference of the completed session.')).toBeTruthy();
    expect(within(form).getByText('Write the summary the client will read.')).toBeTruthy();
    expect(seen.filter((r) => r.method === 'POST')).toHaveLength(0);
  });
});
