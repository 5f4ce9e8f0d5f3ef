import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { ReactNode } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { vi } from 'vitest';

import { AuthProvider } from '../../../shared/auth';

/** Test data and a harness for the portal screens of the staff web (fetch stubbed per route). */
export const ORG = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
export const USER = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';
export const PATIENT = 'dddddddd-dddd-4ddd-8ddd-dddddddddddd';
export const THERAPIST_PERMISSIONS = [
  'patients.view',
  'portal.activity.view',
  'portal.crisis-toolkit.manage',
  'portal.audio-messages.manage',
  'portal.files.upload',
  'portal.summaries.manage',
];

export function meWith(permissions: string[]) {
  return {
    user: { id: USER, email: 'clinician@sonoran.cairn.test', displayName: 'Dr. Maya Chen' },
    organizations: [{ id: ORG, name: 'Sonoran', slug: 'sonoran', roles: ['clinician'], permissions, sites: [] }],
  };
}

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

export const problem = (status: number, title: string, detail: string, errors: { field: string; message: string }[] = []) =>
  json({ type: 'about:blank', title, status, detail, errors }, status);

export const PATIENTS = {
  items: [{ id: PATIENT, firstName: 'Alex', lastName: 'Rivera', preferredName: null, middleName: null }],
  page: 1,
  pageSize: 200,
  total: 1,
};

export type Handler = (req: Request, url: URL) => Response | undefined | Promise<Response | undefined>;

/** Stubs fetch: /me answers `me`, the patient lookup answers Alex Rivera, the rest goes to `handler` (else 404). */
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
      if (url.pathname === '/api/v1/patients') return json(PATIENTS);
      return json({ title: 'Not Found', status: 404 }, 404);
    }),
  );
  return seen;
}

/** A text/event-stream response the test writes to (`send`) and ends (`end`), as the API's stream would. */
export function sseResponse() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const body = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  const enc = new TextEncoder();
  return {
    response: new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } }),
    send(event: string, data: unknown, id?: string) {
      controller.enqueue(enc.encode(`${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`));
    },
    end() {
      controller.close();
    },
  };
}

export function renderAt(path: string, routes: { path: string; element: ReactNode }[], extra?: ReactNode) {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[path]}>
        <AuthProvider>
          {extra}
          <Routes>
            {routes.map((r) => (
              <Route key={r.path} path={r.path} element={r.element} />
            ))}
            <Route path="*" element={<p>Elsewhere</p>} />
          </Routes>
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}
