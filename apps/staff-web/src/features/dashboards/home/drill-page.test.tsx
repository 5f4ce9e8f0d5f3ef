import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { expectOnlyTheRefusal } from '../../../shared/refused-page.testing';
import { json, meWith, renderAt, stubApi } from './dashboard-fixture';
import { DrillPage } from './drill-page';

const PATIENT = 'eeeeeeee-0000-4000-8000-000000000001';
const routes = [{ path: '/dashboards/drill/:drillKey', element: <DrillPage /> }];

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

const drill = (page = 1) => ({
  drillKey: 'appointments.no-show',
  metricKey: 'appointments.no-show-rate',
  filters: { from: '2026-12-01', to: '2026-12-07', siteId: null, providerId: null },
  records: {
    columns: [
      { key: 'date', label: 'Date' },
      { key: 'patient', label: 'Patient' },
    ],
    rows: [
      { id: 'a1', cells: { date: '2026-12-02', patient: 'Hall, Isabella' }, withheld: null, link: `/patients/${PATIENT}` },
      { id: 'a2', cells: {}, withheld: { reason: 'a 42 CFR Part 2 record without consent covering you' }, link: null },
    ],
    total: 60,
    page,
    pageSize: 50,
  },
});

describe('Drill-through: the records behind a figure', () => {
  it('lists the records with the dashboard filters, each linking to its own screen; withheld rows say only why', async () => {
    const seen = stubApi(meWith(['dashboards.view']), (_req, url) => {
      if (url.pathname === '/api/v1/dashboards/drill/appointments.no-show') return json(drill(Number(url.searchParams.get('page'))));
    });
    renderAt('/dashboards/drill/appointments.no-show?range=this-week&metric=appointments.no-show-rate', routes);
    const table = await screen.findByRole('table');
    const req = seen.find((r) => new URL(r.url).pathname.startsWith('/api/v1/dashboards/drill/'))!;
    expect(new URL(req.url).searchParams.get('range')).toBe('this-week');
    expect(new URL(req.url).searchParams.get('metric')).toBe('appointments.no-show-rate');
    expect(screen.getByText(/60 records, 2026-12-01 to 2026-12-07/)).toBeTruthy();
    const rows = within(table).getAllByRole('row');
    expect(rows.map((r) => r.textContent)).toEqual([
      'DatePatientOpen',
      '2026-12-02Hall, IsabellaOpen record',
      '§ Withheld: a 42 CFR Part 2 record without consent covering you',
    ]);
    expect(within(rows[2]!).queryByRole('link')).toBeNull();

    fireEvent.click(within(rows[1]!).getByRole('link', { name: 'Open record' }));
    expect(screen.getByTestId('where').textContent).toBe(`/patients/${PATIENT}`);
  });

  it('turns pages in the address and links back to the dashboard with the same filters', async () => {
    stubApi(meWith(['dashboards.view']), (_req, url) => {
      if (url.pathname === '/api/v1/dashboards/drill/appointments.no-show') return json(drill(Number(url.searchParams.get('page'))));
    });
    renderAt('/dashboards/drill/appointments.no-show?range=this-week', routes);
    expect(screen.getByRole('link', { name: 'Back to the dashboard' }).getAttribute('href')).toBe('/?range=this-week');
    fireEvent.click(await screen.findByRole('button', { name: 'Next page' }));
    expect(screen.getByTestId('where').textContent).toBe('/dashboards/drill/appointments.no-show?range=this-week&page=2');
  });

  it('a drill-through the API refuses shows only the refusal', async () => {
    await expectOnlyTheRefusal(<DrillPage />, '/dashboards/drill/charges.on-hold', 'Records behind the figure');
  });
});
