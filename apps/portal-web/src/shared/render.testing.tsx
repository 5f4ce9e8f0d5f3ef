import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { vi } from 'vitest';

import { TOKENS_KEY } from '../api/client';
import { AuthProvider } from './auth';

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

export interface Call {
  method: string;
  path: string;
  body: unknown;
  authorization: string | null;
}

/**
 * Test helper: renders `ui` signed in (or not) with fetch answered by `answer` (method and path -> Response), and
 * records every request the page made.
 */
export function renderWithApi(
  ui: ReactNode,
  answer: (method: string, path: string, body: unknown) => Response | Promise<Response>,
  opts: { signedIn?: boolean; path?: string } = {},
): { calls: Call[] } {
  sessionStorage.clear();
  if (opts.signedIn !== false) sessionStorage.setItem(TOKENS_KEY, JSON.stringify({ accessToken: 'access-1', refreshToken: 'refresh-1' }));
  const calls: Call[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = input instanceof Request ? input : new Request(input, init);
      const url = new URL(req.url);
      const text = req.method === 'GET' ? '' : await req.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // multipart or plain text: kept as text
      }
      calls.push({ method: req.method, path: url.pathname + url.search, body, authorization: req.headers.get('Authorization') });
      return answer(req.method, url.pathname, body);
    }),
  );
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } })}>
      <MemoryRouter initialEntries={[opts.path ?? '/']}>
        <AuthProvider>{ui}</AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return { calls };
}
