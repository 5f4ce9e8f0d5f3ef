import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { json, meWith, ORG, problem, renderAt, stubApi, USER } from './peer-fixture';
import { correctable, SupervisionPage } from './supervision-page';
import { chartsPerPeer, monthsBack, type SupervisionReport } from './supervision-report';
import { SupervisionReportPage } from './supervision-report-page';

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

const SUPERVISOR = ['cl.peer-supervision.view', 'cl.peer-supervision.record', 'cl.peer-supervision.report', 'staff-directory.view'];
const PEER = '99999999-9999-4999-8999-999999999999';
const DIRECTORY = {
  items: [
    { id: PEER, displayName: 'Paul Etsitty, CPRS', roles: ['peer_specialist'] },
    { id: USER, displayName: 'Dr. Samuel Okafor', roles: ['supervisor'] },
    { id: '88888888-8888-4888-8888-888888888888', displayName: 'Casey Clinician', roles: ['clinician'] },
  ],
  total: 3,
  page: 1,
  pageSize: 200,
};
const row = (over: Record<string, unknown> = {}) => ({
  id: '77777777-7777-4777-8777-777777777777',
  organizationId: ORG,
  peerProviderId: PEER,
  supervisorId: USER,
  supervisionDate: '2026-11-30',
  durationMinutes: 60,
  hours: 1,
  modality: 'individual',
  createdBy: USER,
  createdAt: '2026-11-30T17:00:00Z',
  updatedAt: '2026-11-30T17:00:00Z',
  editableUntil: '2999-01-01T00:00:00Z',
  ...over,
});

describe('the supervision log', () => {
  it('lets the recorder correct a record only within the window', () => {
    const now = new Date('2026-12-05T12:00:00Z');
    expect(correctable({ createdBy: USER, editableUntil: '2026-12-07T17:00:00Z' }, USER, now)).toBe(true);
    expect(correctable({ createdBy: USER, editableUntil: '2026-12-05T11:59:59Z' }, USER, now)).toBe(false);
    expect(correctable({ createdBy: 'someone else', editableUntil: '2026-12-07T17:00:00Z' }, USER, now)).toBe(false);
  });

  it('records a session: checks the fields first, offers only peer specialists, puts the API’s refusal under its field', async () => {
    const posted: unknown[] = [];
    stubApi(meWith(SUPERVISOR, 'supervisor'), async (req, url) => {
      if (url.pathname === '/api/v1/staff-directory') return json(DIRECTORY);
      if (url.pathname === '/api/v1/peer-supervision' && req.method === 'POST') {
        posted.push(await req.json());
        if (posted.length === 1)
          return problem(400, 'Validation failed', [
            { field: 'supervisionDate', message: 'supervisionDate must not be after today (2026-12-05)' },
          ]);
        return json(row(), 201);
      }
      if (url.pathname === '/api/v1/peer-supervision')
        return json({ items: posted.length > 1 ? [row()] : [], total: posted.length > 1 ? 1 : 0, page: 1, pageSize: 20 });
      return undefined;
    });
    renderAt('/peer/supervision', [{ path: '/peer/supervision', element: <SupervisionPage /> }]);
    fireEvent.click(await screen.findByRole('button', { name: 'Record a supervision session' }));
    fireEvent.change(screen.getByLabelText('Minutes'), { target: { value: '900' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record session' }));
    expect(await screen.findByText('Choose the peer specialist who was supervised.')).toBeTruthy();
    expect(screen.getByText('Minutes must be a whole number from 1 to 480.')).toBeTruthy();
    expect(posted).toHaveLength(0);
    await screen.findByRole('option', { name: 'Paul Etsitty, CPRS' });
    const peers = Array.from((screen.getByLabelText('Peer specialist') as HTMLSelectElement).options).map((o) => o.textContent);
    expect(peers).toEqual(['Choose…', 'Paul Etsitty, CPRS']);
    fireEvent.change(screen.getByLabelText('Peer specialist'), { target: { value: PEER } });
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2026-12-31' } });
    fireEvent.change(screen.getByLabelText('Minutes'), { target: { value: '60' } });
    fireEvent.change(screen.getByLabelText('Modality'), { target: { value: 'individual' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record session' }));
    const under = await screen.findByText('Supervision date must not be after today (2026-12-05).');
    expect(under.closest('p')!.id).toBe('sup-supervisionDate-error');
    fireEvent.change(screen.getByLabelText('Date'), { target: { value: '2026-11-30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Record session' }));
    expect(await screen.findByText('The supervision session was recorded.')).toBeTruthy();
    expect(posted[1]).toEqual({
      peerProviderId: PEER,
      supervisionDate: '2026-11-30',
      durationMinutes: 60,
      modality: 'individual',
      notes: '',
    });
    const log = await screen.findByRole('table');
    expect(within(log).getAllByRole('row')[1]!.textContent).toContain('Paul Etsitty, CPRS');
  });

  it('corrects a record within the window (with its notes), and says when the API refuses it', async () => {
    stubApi(meWith(SUPERVISOR, 'supervisor'), (req, url) => {
      if (url.pathname === '/api/v1/staff-directory') return json(DIRECTORY);
      if (url.pathname === `/api/v1/peer-supervision/${row().id}` && req.method === 'PATCH')
        return problem(409, 'The correction window of this supervision record has closed; it is final.');
      if (url.pathname === `/api/v1/peer-supervision/${row().id}`) return json({ ...row(), notes: 'Boundaries and self-care.' });
      if (url.pathname === '/api/v1/peer-supervision')
        return json({
          items: [row(), row({ id: '66666666-6666-4666-8666-666666666666', createdBy: 'other', supervisionDate: '2026-11-01' })],
          total: 2,
          page: 1,
          pageSize: 20,
        });
      return undefined;
    });
    renderAt('/peer/supervision', [{ path: '/peer/supervision', element: <SupervisionPage /> }]);
    const buttons = await screen.findAllByRole('button', { name: /^Correct/ });
    expect(buttons).toHaveLength(1);
    fireEvent.click(buttons[0]!);
    expect(((await screen.findByLabelText('Notes')) as HTMLTextAreaElement).value).toBe('Boundaries and self-care.');
    fireEvent.change(screen.getByLabelText('Minutes'), { target: { value: '45' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save correction' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The correction window of this supervision record has closed');
  });
});

const REPORT: SupervisionReport = {
  from: '2026-10',
  to: '2026-11',
  months: ['2026-10', '2026-11'],
  items: [
    {
      peerProviderId: PEER,
      peerName: 'Paul Etsitty, CPRS',
      month: '2026-10',
      sessionCount: 0,
      minutes: 0,
      hours: 0,
      byModality: {} as never,
    },
    {
      peerProviderId: PEER,
      peerName: 'Paul Etsitty, CPRS',
      month: '2026-11',
      sessionCount: 2,
      minutes: 90,
      hours: 1.5,
      byModality: {} as never,
    },
  ],
  peers: [
    {
      peerProviderId: PEER,
      peerName: 'Paul Etsitty, CPRS',
      sessionCount: 2,
      minutes: 90,
      hours: 1.5,
      monthsWithoutSupervision: ['2026-10'],
    },
  ],
};

describe('the supervision hours report', () => {
  it('defaults to the last six months and makes one chart series per peer with zero months', () => {
    expect(monthsBack(new Date('2026-12-05T12:00:00Z'), 5)).toEqual({ from: '2026-07', to: '2026-12' });
    expect(monthsBack(new Date('2026-03-05T12:00:00Z'), 5)).toEqual({ from: '2025-10', to: '2026-03' });
    expect(chartsPerPeer(REPORT)[0]!.months.map((m) => [m.label, m.hours])).toEqual([
      ['Oct 2026', 0],
      ['Nov 2026', 1.5],
    ]);
  });

  it('shows a chart per peer and the same figures in a table, the period kept in the address', async () => {
    const seen = stubApi(meWith(SUPERVISOR, 'supervisor'), (_req, url) =>
      url.pathname === '/api/v1/peer-supervision/report' ? json(REPORT) : undefined,
    );
    renderAt('/peer/supervision-report?from=2026-10&to=2026-11', [
      { path: '/peer/supervision-report', element: <SupervisionReportPage /> },
    ]);
    const table = await screen.findByRole('table', { name: /Supervision hours per peer specialist and month/ });
    expect(within(table).getAllByRole('row')[1]!.textContent).toBe('Paul Etsitty, CPRS0.00 h (0)1.50 h (2)1.50 h (2)⚠ Oct 2026');
    expect(screen.getByText(/1.50 h in the period/).closest('figure')).toBeTruthy();
    const asked = new URL(seen.find((r) => r.url.includes('/report'))!.url);
    expect([asked.searchParams.get('from'), asked.searchParams.get('to')]).toEqual(['2026-10', '2026-11']);
    fireEvent.change(screen.getByLabelText('From month'), { target: { value: '2026-09' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe('/peer/supervision-report?from=2026-09&to=2026-11'));
  });

  it('puts a refused period under its field', async () => {
    stubApi(meWith(SUPERVISOR, 'supervisor'), (_req, url) =>
      url.pathname === '/api/v1/peer-supervision/report'
        ? problem(400, 'Validation failed', [{ field: 'to', message: 'to must not be before from' }])
        : undefined,
    );
    renderAt('/peer/supervision-report?from=2026-10&to=2026-09', [
      { path: '/peer/supervision-report', element: <SupervisionReportPage /> },
    ]);
    expect((await screen.findByText('To date must not be before from.')).closest('p')!.id).toBe('report-to-error');
  });
});
