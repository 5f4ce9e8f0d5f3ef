import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { expectOnlyTheRefusal } from '../../../shared/refused-page.testing';
import { json, NEW_THERAPIST, PATIENT, problem, renderPortalPage, THERAPIST } from '../testing/portal-fixture';
import { ChangeRequestsPage } from './change-requests-page';
import { DENIAL_REASON_REQUIRED, THERAPIST_REQUIRED } from './decision-dialogs';

const BASE = {
  patientId: PATIENT,
  reason: 'It is about my therapist.',
  sensitive: true,
  requestedAt: '2026-11-01T10:00:00Z',
  reviewStartedAt: null,
  decidedAt: null,
  newTherapistId: null,
  denialReason: null,
};
const PENDING = { ...BASE, changeRequestId: '11111111-1111-4111-8111-111111111111', status: 'pending' };
const REVIEW = {
  ...BASE,
  changeRequestId: '22222222-2222-4222-8222-222222222222',
  status: 'under_review',
  sensitive: false,
  reason: 'Evenings.',
};
const APPROVED = {
  ...BASE,
  changeRequestId: '33333333-3333-4333-8333-333333333333',
  status: 'approved',
  decidedAt: '2026-11-03T10:00:00Z',
  newTherapistId: NEW_THERAPIST,
};
const DENIED = {
  ...BASE,
  changeRequestId: '44444444-4444-4444-8444-444444444444',
  status: 'denied',
  decidedAt: '2026-11-03T10:00:00Z',
  denialReason: 'No evening hours.',
};
const DIRECTORY = {
  items: [
    { id: THERAPIST, displayName: 'Lucía Moreno, LCSW', roles: ['clinician'] },
    { id: NEW_THERAPIST, displayName: 'Dana Rivera', roles: ['clinician'] },
    { id: '99999999-9999-4999-8999-999999999999', displayName: 'Felipe Duarte', roles: ['front_desk'] },
  ],
  page: 1,
  pageSize: 200,
  total: 3,
};
const PATIENT_VIEW = {
  id: PATIENT,
  firstName: 'Ana',
  lastName: 'Lopez',
  careTeam: [{ id: 'x', staffUserId: THERAPIST, role: 'primary_therapist', startedOn: '2026-01-01', endedOn: null }],
};
const page = (items: unknown[]) => json({ items, page: 1, pageSize: 25, total: items.length });

function standard(list: unknown[], decide?: (method: string, path: string, body: unknown) => Response | undefined) {
  return (method: string, path: string, body: unknown) => {
    const decided = decide?.(method, path, body);
    if (decided) return decided;
    if (path === '/api/v1/admin/portal/change-requests') return page(list);
    if (path === '/api/v1/patients') return page([{ id: PATIENT, firstName: 'Ana', lastName: 'Lopez' }]);
    if (path === '/api/v1/staff-directory') return json(DIRECTORY);
    if (path === `/api/v1/patients/${PATIENT}`) return json(PATIENT_VIEW);
    return undefined;
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('ChangeRequestsPage', () => {
  it('offers only the moves each state allows, and states in words', async () => {
    renderPortalPage(<ChangeRequestsPage />, standard([PENDING, REVIEW, APPROVED, DENIED]));
    const rows = (await screen.findAllByRole('row')).slice(1);
    expect(rows).toHaveLength(4);
    const buttons = (row: HTMLElement) =>
      within(row)
        .queryAllByRole('button')
        .map((b) => b.textContent);
    expect(buttons(rows[0]!)).toEqual(['Start review']);
    expect(buttons(rows[1]!)).toEqual(['Approve…', 'Deny…']);
    expect(buttons(rows[2]!)).toEqual([]);
    expect(buttons(rows[3]!)).toEqual([]);
    expect(within(rows[0]!).getByText('◷ Waiting for review')).toBeTruthy();
    expect(within(rows[0]!).getByText('⊘ Sensitive: hidden from the current therapist')).toBeTruthy();
    expect(within(rows[1]!).getByText('Visible to the current therapist')).toBeTruthy();
    expect(await within(rows[2]!).findByText('Dana Rivera')).toBeTruthy();
    expect(within(rows[3]!).getByText('Reason: No evening hours.')).toBeTruthy();
  });

  it('starts the review of a pending request', async () => {
    const { calls } = renderPortalPage(
      <ChangeRequestsPage />,
      standard([PENDING], (m) => (m === 'POST' ? json({ ...PENDING, status: 'under_review' }) : undefined)),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Start review/ }));
    await screen.findByText(/is now under review/);
    expect(calls.find((c) => c.method === 'POST')?.path).toBe(`/api/v1/admin/portal/change-requests/${PENDING.changeRequestId}/review`);
  });

  it('approves with the chosen therapist, never offering the current one or non-clinical staff', async () => {
    const { calls } = renderPortalPage(
      <ChangeRequestsPage />,
      standard([REVIEW], (m) => (m === 'POST' ? json({ ...REVIEW, status: 'approved', newTherapistId: NEW_THERAPIST }) : undefined)),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Approve/ }));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText('Current primary therapist: Lucía Moreno, LCSW');
    const select = within(dialog).getByLabelText('New therapist (required)');
    const offered = within(select)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(offered).toEqual(['Choose a clinician', 'Dana Rivera (clinician)']);
    await user.click(within(dialog).getByRole('button', { name: 'Approve and assign' }));
    expect(within(dialog).getByText(THERAPIST_REQUIRED)).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    await user.selectOptions(select, NEW_THERAPIST);
    await user.click(within(dialog).getByRole('button', { name: 'Approve and assign' }));
    await screen.findByText(/has a new primary therapist from today/);
    const post = calls.find((c) => c.method === 'POST');
    expect(post?.path).toBe(`/api/v1/admin/portal/change-requests/${REVIEW.changeRequestId}/approve`);
    expect(post?.body).toEqual({ newTherapistId: NEW_THERAPIST });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows the API’s refusal of the therapist under the field, in words', async () => {
    renderPortalPage(
      <ChangeRequestsPage />,
      standard([REVIEW], (m) =>
        m === 'POST'
          ? problem(400, 'newTherapistId is already the primary therapist', [
              { field: 'newTherapistId', message: 'is already the primary therapist of this client' },
            ])
          : undefined,
      ),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Approve/ }));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText('Dana Rivera (clinician)');
    await user.selectOptions(within(dialog).getByLabelText('New therapist (required)'), NEW_THERAPIST);
    await user.click(within(dialog).getByRole('button', { name: 'Approve and assign' }));
    const message = await within(dialog).findByText(/is already the primary therapist of this client/);
    expect(message.textContent).not.toContain('newTherapistId');
  });

  it('denies only with a reason, and sends it', async () => {
    const { calls } = renderPortalPage(
      <ChangeRequestsPage />,
      standard([REVIEW], (m) => (m === 'POST' ? json({ ...REVIEW, status: 'denied', denialReason: 'No evening hours.' }) : undefined)),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Deny/ }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Deny request' }));
    expect(within(dialog).getByText(DENIAL_REASON_REQUIRED)).toBeTruthy();
    await user.type(within(dialog).getByLabelText('Reason the client will read (required)'), 'No evening hours.');
    await user.click(within(dialog).getByRole('button', { name: 'Deny request' }));
    await screen.findByText(/keeps their therapist/);
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ reason: 'No evening hours.' });
  });

  it('says a request another admin already moved (409) in words and fetches the list again', async () => {
    const { calls } = renderPortalPage(
      <ChangeRequestsPage />,
      standard([PENDING], (m) =>
        m === 'POST'
          ? problem(409, 'A change request that is under_review cannot be taken under review; only a pending one can.')
          : undefined,
      ),
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Start review/ }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('only a pending one can');
    await vi.waitFor(() => expect(calls.filter((c) => c.path === '/api/v1/admin/portal/change-requests').length).toBeGreaterThan(1));
  });

  it('filters by state through the address', async () => {
    const { calls } = renderPortalPage(<ChangeRequestsPage />, standard([]), { path: '/portal/change-requests?status=pending' });
    await screen.findByText('No change requests in the state “◷ Waiting for review”.');
    expect(calls.find((c) => c.path === '/api/v1/admin/portal/change-requests')?.query.get('status')).toBe('pending');
  });

  it('shows only its title and the refusal to someone without portal.admin', async () => {
    await expectOnlyTheRefusal(<ChangeRequestsPage />, '/portal/change-requests', 'Therapist change requests');
  });
});
