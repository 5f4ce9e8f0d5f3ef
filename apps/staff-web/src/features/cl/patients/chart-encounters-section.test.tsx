import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { AuthProvider } from '../../../shared/auth';
import { ChartEncounters } from './chart-encounters';

const PATIENT = '99999999-9999-4999-8999-999999999999';
const ORG = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const ME = {
  user: { id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', email: 'supervisor@sonoran.cairn.test', displayName: 'Dr. Samuel Okafor' },
  organizations: [
    { id: ORG, name: 'Sonoran', slug: 'sonoran', roles: ['supervisor'], permissions: ['patients.view', 'cl.groups.view'], sites: [] },
  ],
};
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
const emptyPage = { items: [], page: 1, pageSize: 20, total: 0, withheld: 0, withheldReason: null, part2Notice: null };

/** The section with the API answered by `encounters` (the /me of a supervisor); returns the encounter requests' URLs. */
function renderSection(encounters: (url: URL) => Response | Promise<Response>) {
  const asked: URL[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const url = new URL(req.url);
      if (url.pathname === '/api/v1/me') return json(ME);
      if (url.pathname === `/api/v1/patients/${PATIENT}/encounters`) {
        asked.push(url);
        return encounters(url);
      }
      return json({ status: 404, title: 'Not Found' }, 404);
    }),
  );
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[`/patients/${PATIENT}`]}>
        <AuthProvider>
          <ChartEncounters patientId={PATIENT} />
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return asked;
}

beforeEach(() => sessionStorage.setItem('cairn.staff.tokens', JSON.stringify({ accessToken: 'a', refreshToken: 'r' })));
afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('ChartEncounters', () => {
  it('says it is loading, then that there are no encounters yet', async () => {
    let answer!: (r: Response) => void;
    renderSection(() => new Promise<Response>((resolve) => (answer = resolve)));
    expect(await screen.findByText('Loading encounters…')).toBeTruthy();
    answer(json(emptyPage));
    expect(await screen.findByText('No encounters yet.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows the API error in plain words', async () => {
    renderSection(() => json({ type: 'about:blank', title: 'Forbidden', status: 403, detail: 'Requires permission patients.view' }, 403));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('You do not have permission to see this');
    expect(alert.textContent).toContain('(Forbidden, status 403)');
  });

  it('shows only the withheld count when every encounter of the page is withheld', async () => {
    renderSection(() => json({ ...emptyPage, total: 2, withheld: 2, withheldReason: 'no_consent' }));
    expect(
      await screen.findByText('2 group encounters withheld: no Part 2 consent covering group encounters.', { exact: false }),
    ).toBeTruthy();
    expect(screen.getByText('No other encounters on this page.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('asks the API for the dates entered, from the keyboard', async () => {
    const asked = renderSection(() => json(emptyPage));
    await screen.findByText('No encounters yet.');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('From'), '2025-12-01');
    await user.type(screen.getByLabelText('To'), '2025-12-31');
    await user.click(screen.getByRole('button', { name: 'Show encounters' }));
    expect(await screen.findByText('No encounters in these dates.')).toBeTruthy();
    const last = asked[asked.length - 1]!;
    expect([last.searchParams.get('from'), last.searchParams.get('to'), last.searchParams.get('page')]).toEqual([
      '2025-12-01',
      '2025-12-31',
      '1',
    ]);
  });
});
