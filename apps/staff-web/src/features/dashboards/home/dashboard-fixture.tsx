import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { vi } from 'vitest';

import { AuthProvider } from '../../../shared/auth';
import type { DashboardView, Tile } from './tile-words';

/** Test data and a harness for the dashboard screens (fetch stubbed per route, as the other staff-web tests do). */
export const ORG = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
export const SITE = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
export const USER = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

export function meWith(permissions: string[]) {
  return {
    user: { id: USER, email: 'manager@sonoran.cairn.test', displayName: 'Maria Manager' },
    organizations: [
      {
        id: ORG,
        name: 'Sonoran',
        slug: 'sonoran',
        roles: ['manager'],
        permissions,
        sites: [{ id: SITE, code: 'PHX', name: 'Phoenix Central', permissions }],
      },
    ],
  };
}

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

export const forbidden = (detail = 'You do not have permission "dashboards.view" here.') =>
  json({ type: 'about:blank', title: 'Forbidden', status: 403, detail }, 403);

export function tile(over: Partial<Tile> = {}): Tile {
  return {
    metricKey: 'appointments.no-show-rate',
    metricId: '11111111-1111-4111-8111-111111111111',
    name: 'No-show rate',
    domain: 'Operational',
    unit: 'ratio',
    calculationSource: 'pm.appointments',
    updateModel: 'near-real-time',
    scope: 'scoped',
    value: 0.125,
    breakdown: null,
    target: 0.1,
    freshness: { label: 'Updated 3 min ago', computedAt: '2026-12-05T14:57:00Z', asOf: null },
    feed: { source: 'pm.appointments', state: 'ok', available: true },
    stale: null,
    attention: [],
    drill: 'appointments.no-show',
    core: true,
    bySite: null,
    series: [],
    ...over,
  } as Tile;
}

export function view(tiles: Tile[], over: Partial<DashboardView> = {}): DashboardView {
  return {
    view: {
      id: '22222222-2222-4222-8222-222222222222',
      key: 'manager',
      name: 'Manager / Owner',
      permissionScope: 'site',
      layoutVersion: 1,
      userLayoutEnabled: false,
    },
    filters: { range: 'today', from: '2026-12-05', to: '2026-12-05', siteId: null, providerId: null },
    state: 'Viewed',
    generatedAt: '2026-12-05T15:00:00Z',
    tiles,
    ...over,
  } as DashboardView;
}

export type Handler = (req: Request, url: URL) => Response | Promise<Response> | undefined;

/** Stubs fetch: /me answers `me`, everything else goes to `handler` (unanswered: 404). Returns the requests seen. */
export function stubApi(me: unknown, handler: Handler): Request[] {
  const seen: Request[] = [];
  sessionStorage.setItem('cairn.staff.tokens', JSON.stringify({ accessToken: 'a', refreshToken: 'r' }));
  sessionStorage.setItem('cairn.staff.scope', JSON.stringify({ organizationId: ORG }));
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const url = new URL(req.url);
      seen.push(req);
      if (url.pathname === '/api/v1/me') return json(me);
      return (await handler(req, url)) ?? json({ title: 'Not Found', status: 404 }, 404);
    }),
  );
  return seen;
}

function Where() {
  const l = useLocation();
  return <div data-testid="where">{l.pathname + l.search}</div>;
}

export function renderAt(path: string, routes: { path: string; element: ReactNode }[]) {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[path]}>
        <AuthProvider>
          <Routes>
            {routes.map((r) => (
              <Route key={r.path} path={r.path} element={r.element} />
            ))}
            <Route path="*" element={<p>Elsewhere</p>} />
          </Routes>
          <Where />
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}
