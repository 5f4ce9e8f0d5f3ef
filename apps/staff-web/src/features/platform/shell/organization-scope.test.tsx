import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { api, call } from '../../../api/client';
import { AuthProvider } from '../../../shared/auth';
import { pathAfterOrganizationChange } from './scope-switcher';
import { RequireSignIn } from './shell';

const SONORAN = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const MESA = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const USER = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
const ME = {
  user: { id: USER, email: 'consultant@cairn.test', displayName: 'Casey Consultant' },
  organizations: [
    { id: SONORAN, name: 'Sonoran', slug: 'sonoran', roles: ['supervisor'], permissions: ['patients.view'], sites: [] },
    { id: MESA, name: 'Mesa', slug: 'mesa', roles: ['supervisor'], permissions: ['patients.view'], sites: [] },
  ],
};
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

/** A data page: it asks for patients as soon as it renders, as every list page does. */
function PatientsProbe() {
  const q = useQuery({ queryKey: ['probe'], queryFn: () => call(api.GET('/api/v1/patients')) });
  return <p>{q.isSuccess ? 'patients loaded' : q.isError ? 'patients failed' : 'loading'}</p>;
}

/** The API as it answers: a data route without X-Organization-Id is refused for a user of two organizations. */
function answer() {
  const orgsAsked: Array<string | null> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const url = new URL(req.url);
      if (url.pathname === '/api/v1/me') return json(ME);
      if (url.pathname === '/api/v1/patients') {
        orgsAsked.push(req.headers.get('X-Organization-Id'));
        if (!req.headers.get('X-Organization-Id')) {
          return json({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'X-Organization-Id is required' }, 400);
        }
        return json({ items: [], page: 1, pageSize: 20, total: 0 });
      }
      return json({ status: 404, title: 'Not Found' }, 404);
    }),
  );
  return orgsAsked;
}

function renderPage() {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={['/patients']}>
        <AuthProvider>
          <RequireSignIn>
            <PatientsProbe />
          </RequireSignIn>
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

beforeEach(() => sessionStorage.setItem('cairn.staff.tokens', JSON.stringify({ accessToken: 'a', refreshToken: 'r' })));
afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
  localStorage.clear();
});

describe('the organization of a user of two organizations', () => {
  it('is sent from the very first data request, before anything was picked', async () => {
    const asked = answer();
    renderPage();
    expect(await screen.findByText('patients loaded')).toBeTruthy();
    expect(asked).toEqual([SONORAN]);
  });

  it('is remembered: the next sign-in works in the organization picked last', async () => {
    const asked = answer();
    const first = renderPage();
    await screen.findByText('patients loaded');
    await userEvent.setup().selectOptions(screen.getByLabelText('Work in organization'), MESA);
    first.unmount();
    sessionStorage.removeItem('cairn.staff.scope'); // a new tab or a new sign-in: the session's scope is gone
    asked.length = 0;
    renderPage();
    expect(await screen.findByText('patients loaded')).toBeTruthy();
    expect(asked).toEqual([MESA]);
  });
});

describe('switching organization on a record page', () => {
  it('goes back to the list instead of saying the record was not found', async () => {
    answer();
    function Where() {
      return <output aria-label="where">{useLocation().pathname + useLocation().search}</output>;
    }
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/patients/99999999-9999-4999-8999-999999999999']}>
          <AuthProvider>
            <RequireSignIn>
              <Where />
            </RequireSignIn>
          </AuthProvider>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    await userEvent.setup().selectOptions(await screen.findByLabelText('Work in organization'), MESA);
    expect(screen.getByLabelText('where').textContent).toBe('/patients');
    expect(pathAfterOrganizationChange('/group-sessions/abc')).toBe('/review/group-encounters');
    expect(pathAfterOrganizationChange('/billing/charges')).toBe('/billing/charges');
  });
});

describe('the header patient search', () => {
  it('opens the patient list searched by what was typed, from any page', async () => {
    answer();
    function Where() {
      const l = useLocation();
      return <output aria-label="where">{l.pathname + l.search}</output>;
    }
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={['/billing/charges']}>
          <AuthProvider>
            <RequireSignIn>
              <Where />
            </RequireSignIn>
          </AuthProvider>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const user = userEvent.setup();
    await user.type(await screen.findByRole('searchbox', { name: 'Find a patient by name or MRN' }), 'Hall{Enter}');
    expect(screen.getByLabelText('where').textContent).toBe('/patients?q=Hall');
  });
});
