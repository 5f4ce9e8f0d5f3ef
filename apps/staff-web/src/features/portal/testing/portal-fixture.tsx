import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { vi } from 'vitest';

import { AuthProvider } from '../../../shared/auth';

/** Test data and a harness for the portal oversight screens (fetch stubbed per request; every request recorded). */
export const ORG = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
export const USER = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
export const PATIENT = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
export const THERAPIST = 'eeeeeeee-eeee-4eee-8eee-eeeeeeeeeeee';
export const NEW_THERAPIST = 'ffffffff-ffff-4fff-8fff-ffffffffffff';

export function meWith(permissions: string[], role = 'admin') {
  return {
    user: { id: USER, email: 'admin@sonoran.cairn.test', displayName: 'Alma Ruiz' },
    organizations: [{ id: ORG, name: 'Sonoran', slug: 'sonoran', roles: [role], permissions, sites: [] }],
  };
}

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

export const problem = (status: number, detail: string, errors: { field: string; message: string }[] = []) =>
  json(
    { type: 'about:blank', title: { 400: 'Bad Request', 403: 'Forbidden', 409: 'Conflict' }[status] ?? 'Error', status, detail, errors },
    status,
  );

export interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
}

/** Renders `page` at `path` (matched by `route`) for a user with `permissions`; `answer` answers every other request. */
export function renderPortalPage(
  page: ReactNode,
  answer: (method: string, path: string, body: unknown, query: URLSearchParams) => Response | Promise<Response> | undefined,
  { path = '/', route = '*', permissions = ['portal.admin', 'patients.view', 'staff-directory.view'] } = {},
): { calls: Call[] } {
  sessionStorage.clear();
  sessionStorage.setItem('cairn.staff.tokens', JSON.stringify({ accessToken: 'a', refreshToken: 'r' }));
  sessionStorage.setItem('cairn.staff.scope', JSON.stringify({ organizationId: ORG }));
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: Request) => {
      const url = new URL(input.url);
      const text = input.method === 'GET' ? '' : await input.text();
      const body: unknown = text ? JSON.parse(text) : undefined;
      if (url.pathname === '/api/v1/me') return json(meWith(permissions));
      calls.push({ method: input.method, path: url.pathname, query: url.searchParams, body });
      return (
        (await answer(input.method, url.pathname, body, url.searchParams)) ?? problem(404, `No stub for ${input.method} ${url.pathname}`)
      );
    }),
  );
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={[path]}>
        <AuthProvider>
          <Routes>
            <Route path={route} element={page} />
          </Routes>
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { calls };
}
