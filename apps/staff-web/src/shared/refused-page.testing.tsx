import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { expect, vi } from 'vitest';

import { AuthProvider } from './auth';

const ORG = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const ME = {
  user: { id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', email: 'frontdesk@sonoran.cairn.test', displayName: 'Front Desk' },
  organizations: [{ id: ORG, name: 'Sonoran', slug: 'sonoran', roles: ['front_desk'], permissions: [], sites: [] }],
};
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

/**
 * Test helper: renders `page` for a signed-in user whom the API refuses (403 on every data route) and checks that
 * the page shows only its title and the refusal in words: no filters, search or download to invite more refusals.
 */
export async function expectOnlyTheRefusal(page: React.ReactNode, path: string, title: string): Promise<void> {
  sessionStorage.setItem('cairn.staff.tokens', JSON.stringify({ accessToken: 'a', refreshToken: 'r' }));
  sessionStorage.setItem('cairn.staff.scope', JSON.stringify({ organizationId: ORG }));
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      if (new URL(req.url).pathname === '/api/v1/me') return json(ME);
      return json(
        { type: 'about:blank', title: 'Forbidden', status: 403, detail: 'You do not have permission "pm.charges.view" here.' },
        403,
      );
    }),
  );
  try {
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <MemoryRouter initialEntries={[path]}>
          <AuthProvider>{page}</AuthProvider>
        </MemoryRouter>
      </QueryClientProvider>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Not allowed.');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(title);
    expect(screen.queryByRole('search')).toBeNull();
    expect(screen.queryByRole('button', { name: /CSV|Download/i })).toBeNull();
    expect(document.querySelector('input, select')).toBeNull();
  } finally {
    vi.unstubAllGlobals();
    sessionStorage.clear();
  }
}
