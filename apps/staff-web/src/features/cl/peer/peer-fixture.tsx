import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { ReactNode } from 'react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { vi } from 'vitest';

import { AuthProvider } from '../../../shared/auth';

/** Test data and a harness for the peer screens (fetch stubbed per route, as the other staff-web tests do). */
export const ORG = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
export const SITE = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
export const USER = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
export const PATIENT = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
export const PEER_PERMISSIONS = [
  'patients.view',
  'cl.peer-encounters.view',
  'cl.peer-encounters.write',
  'cl.peer-encounters.finalize',
  'cl.peer-supervision.view',
  'cl.peer-supervision.report',
  'code-library.view',
  'jurisdiction.view',
  'staff-directory.view',
];

export function meWith(permissions: string[], role = 'peer_specialist') {
  return {
    user: { id: USER, email: 'peer@sonoran.cairn.test', displayName: 'Paul Etsitty, CPRS' },
    organizations: [
      {
        id: ORG,
        name: 'Sonoran',
        slug: 'sonoran',
        roles: [role],
        permissions,
        sites: [{ id: SITE, code: 'TUC', name: 'Tucson', permissions }],
      },
    ],
  };
}

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

export const problem = (status: number, detail: string, errors: { field: string; message: string }[] = []) =>
  json({ type: 'about:blank', title: status === 400 ? 'Bad Request' : 'Conflict', status, detail, errors }, status);

/** The reference data of the form: PF-15 types, the peer codes (and one other HCPCS), Arizona's midpoint rule. */
export const REFERENCE: Record<string, unknown> = {
  '/api/v1/peer-service-types': {
    usePf15: true,
    source: 'pf15',
    inForce: [
      { id: null, key: 'peer_support', label: 'Peer support', source: 'pf15', active: true },
      { id: null, key: 'recovery_coaching', label: 'Recovery coaching', source: 'pf15', active: true },
    ],
    organizationTypes: [],
  },
  '/api/v1/code-library/codes': {
    items: [
      {
        system: 'HCPCS',
        code: 'H0038',
        shortDescription: 'Self-help/peer services, per 15 minutes',
        unitBasis: 'per_15_minutes',
        source: 'national',
      },
      {
        system: 'HCPCS',
        code: 'H2017',
        shortDescription: 'Psychosocial rehabilitation, per 15 minutes',
        unitBasis: 'per_15_minutes',
        source: 'national',
      },
      {
        system: 'HCPCS',
        code: 'T1016',
        shortDescription: 'Case management, per 15 minutes',
        unitBasis: 'per_15_minutes',
        source: 'organization',
      },
      {
        system: 'HCPCS',
        code: 'H0005',
        shortDescription: 'Alcohol and drug group counseling',
        unitBasis: 'per_session',
        source: 'national',
      },
    ],
    total: 4,
    page: 1,
    pageSize: 100,
  },
  '/api/v1/jurisdiction/profile': {
    profile: { key: 'us-az-ahcccs', name: 'Arizona AHCCCS', timedUnitRule: 'midpoint', timedUnitMinutes: 15 },
    jurisdiction: 'AZ',
  },
};

export type Handler = (req: Request, url: URL) => Response | undefined | Promise<Response | undefined>;

/** Stubs fetch: /me answers `me`, the reference data answers itself, the rest goes to `handler` (else 404). */
export function stubApi(me: unknown, handler: Handler = () => undefined): Request[] {
  const seen: Request[] = [];
  sessionStorage.setItem('cairn.staff.tokens', JSON.stringify({ accessToken: 'a', refreshToken: 'r' }));
  sessionStorage.setItem('cairn.staff.scope', JSON.stringify({ organizationId: ORG }));
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const url = new URL(req.url);
      seen.push(req);
      if (url.pathname === '/api/v1/me') return json(me);
      const answered = await handler(req, url);
      if (answered) return answered;
      if (REFERENCE[url.pathname]) return json(REFERENCE[url.pathname]);
      return json({ title: 'Not Found', status: 404 }, 404);
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
