import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { expectOnlyTheRefusal } from '../../../shared/refused-page.testing';
import { json, PATIENT, problem, renderPortalPage, THERAPIST } from '../testing/portal-fixture';
import { CrisisAlertsPage } from './crisis-alerts-page';

const ALERT = {
  alertId: '55555555-5555-4555-8555-555555555555',
  patientId: PATIENT,
  firstOpenAt: '2026-11-01T10:00:00Z',
  raisedAt: '2026-11-02T10:00:00Z',
  lastOpenAt: '2026-11-03T10:00:00Z',
  openCount: 4,
  live: true,
  acknowledgedAt: null,
  acknowledgedBy: null,
};
const PERMS = ['portal.admin', 'portal.crisis-toolkit.manage', 'patients.view', 'staff-directory.view'];

afterEach(() => vi.unstubAllGlobals());

describe('CrisisAlertsPage', () => {
  it('lists live alerts by client name and acknowledges one', async () => {
    let acknowledged = false;
    const { calls } = renderPortalPage(
      <CrisisAlertsPage />,
      (method, path) => {
        if (method === 'POST') {
          acknowledged = true;
          return json({ ...ALERT, acknowledgedAt: '2026-11-03T11:00:00Z', acknowledgedBy: THERAPIST });
        }
        if (path === '/api/v1/admin/portal/crisis-alerts')
          return json({
            items: [acknowledged ? { ...ALERT, acknowledgedAt: '2026-11-03T11:00:00Z', acknowledgedBy: THERAPIST } : ALERT],
            page: 1,
            pageSize: 25,
            total: 1,
          });
        if (path === '/api/v1/patients')
          return json({ items: [{ id: PATIENT, firstName: 'Ana', lastName: 'Lopez' }], page: 1, pageSize: 200, total: 1 });
        if (path === '/api/v1/staff-directory')
          return json({ items: [{ id: THERAPIST, displayName: 'Lucía Moreno', roles: ['clinician'] }] });
        return undefined;
      },
      { permissions: PERMS },
    );
    const row = (await screen.findAllByRole('row'))[1]!;
    expect(await within(row).findByText('Lopez, Ana')).toBeTruthy();
    expect(within(row).getByText('⚠ Live')).toBeTruthy();
    expect(calls.find((c) => c.path === '/api/v1/admin/portal/crisis-alerts')?.query.get('liveOnly')).toBe('true');
    const user = userEvent.setup();
    await user.click(within(row).getByRole('button', { name: 'Acknowledge the alert of Lopez, Ana' }));
    expect(await screen.findByText('Lucía Moreno')).toBeTruthy();
    expect(calls.find((c) => c.method === 'POST')?.path).toBe(`/api/v1/patients/${PATIENT}/crisis-alerts/${ALERT.alertId}/acknowledge`);
  });

  it('says a failed acknowledgement in words', async () => {
    renderPortalPage(
      <CrisisAlertsPage />,
      (method, path) => {
        if (method === 'POST') return problem(404, 'No crisis alert with that id in your scope.');
        if (path === '/api/v1/admin/portal/crisis-alerts') return json({ items: [ALERT], page: 1, pageSize: 25, total: 1 });
        return json({ items: [], page: 1, pageSize: 200, total: 0 });
      },
      { permissions: PERMS },
    );
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /^Acknowledge/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('No crisis alert with that id in your scope.');
  });

  it('shows only its title and the refusal without portal.admin', async () => {
    await expectOnlyTheRefusal(<CrisisAlertsPage />, '/portal/crisis-alerts', 'Crisis alerts');
  });
});
