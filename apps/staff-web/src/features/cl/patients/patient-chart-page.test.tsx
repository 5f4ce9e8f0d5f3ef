import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { AuthProvider } from '../../../shared/auth';
import { ChartOverview, PatientChartPage } from './patient-chart-page';

const PATIENT = '99999999-9999-4999-8999-999999999999';
const ORG = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const SITE = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
const PATIENT_BODY = {
  id: PATIENT,
  organizationId: ORG,
  siteId: SITE,
  firstName: 'Alex',
  middleName: null,
  lastName: 'Rivera',
  preferredName: null,
  pronouns: null,
  dateOfBirth: '1990-01-01',
  status: 'active',
  phone: null,
  email: null,
  chart: { id: PATIENT, mrn: 'SON-1', status: 'open', openedOn: '2026-01-01', isPart2: true, part2ProgramName: 'SUD program' },
  part2Notice: 'This record is protected by 42 CFR Part 2.',
  careTeam: [],
};

function renderChart(path: string, permissions: string[]) {
  sessionStorage.setItem('cairn.staff.tokens', JSON.stringify({ accessToken: 'a', refreshToken: 'r' }));
  sessionStorage.setItem('cairn.staff.scope', JSON.stringify({ organizationId: ORG }));
  const me = {
    user: { id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', email: 'clinician@sonoran.cairn.test', displayName: 'Dr. Maya Ortiz' },
    organizations: [{ id: ORG, name: 'Sonoran', slug: 'sonoran', roles: ['clinician'], permissions, sites: [] }],
  };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const url = new URL(req.url);
      if (url.pathname === '/api/v1/me') return json(me);
      if (url.pathname === `/api/v1/patients/${PATIENT}`) return json(PATIENT_BODY);
      if (url.pathname === `/api/v1/patients/${PATIENT}/encounters`)
        return json({ items: [], page: 1, pageSize: 20, total: 0, withheld: 0 });
      return json({ status: 404, title: 'Not Found' }, 404);
    }),
  );
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[path]}>
        <AuthProvider>
          <Routes>
            <Route
              path="/patients/:id"
              element={
                <PatientChartPage
                  tabs={[
                    { path: '', label: 'Chart' },
                    { path: 'portal', label: 'Portal activity', permission: 'portal.activity.view' },
                  ]}
                />
              }
            >
              <Route index element={<ChartOverview />} />
              <Route path="portal" element={<p>The portal tab</p>} />
            </Route>
          </Routes>
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('Patient chart tabs', () => {
  it('shows the tabs to a holder of portal.activity.view, the current one marked, and the Part 2 notice on every tab', async () => {
    renderChart(`/patients/${PATIENT}`, ['patients.view', 'portal.activity.view']);
    const tabs = await screen.findByRole('navigation', { name: 'Chart sections' });
    const chart = within(tabs).getByRole('link', { name: 'Chart' });
    expect(chart.getAttribute('aria-current')).toBe('page');
    expect(await screen.findByRole('heading', { name: 'Care team' })).toBeTruthy();
    await userEvent.click(within(tabs).getByRole('link', { name: 'Portal activity' }));
    expect(await screen.findByText('The portal tab')).toBeTruthy();
    expect(within(tabs).getByRole('link', { name: 'Portal activity' }).getAttribute('aria-current')).toBe('page');
    expect(screen.queryByRole('heading', { name: 'Care team' })).toBeNull();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('Alex Rivera');
    expect(screen.getByText('This record is protected by 42 CFR Part 2.')).toBeTruthy();
  });

  it('shows no tabs to a user without portal.activity.view (the chart alone)', async () => {
    renderChart(`/patients/${PATIENT}`, ['patients.view']);
    expect(await screen.findByRole('heading', { name: 'Care team' })).toBeTruthy();
    expect(screen.queryByRole('navigation', { name: 'Chart sections' })).toBeNull();
  });
});
