import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { AuthProvider } from './auth';
import { CodePicker } from './code-picker';

const ORG = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const json = (body: unknown) => new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('CodePicker', () => {
  it("offers the library's codes in effect on the service day, not modifiers, as the person types", async () => {
    sessionStorage.setItem('cairn.staff.tokens', JSON.stringify({ accessToken: 'a', refreshToken: 'r' }));
    const asked: URL[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (req: Request) => {
        const url = new URL(req.url);
        if (url.pathname === '/api/v1/me')
          return json({
            user: { id: 'u', email: 'b@x.test', displayName: 'B' },
            organizations: [
              { id: ORG, name: 'O', slug: 'o', roles: ['billing_coordinator'], permissions: ['code-library.view'], sites: [] },
            ],
          });
        asked.push(url);
        return json({
          items: [
            { system: 'CPT', code: '90853', shortDescription: 'Group psychotherapy' },
            { system: 'MODIFIER', code: 'HQ', shortDescription: 'Group setting' },
          ],
          page: 1,
          pageSize: 25,
          total: 2,
        });
      }),
    );
    const { container } = render(
      <QueryClientProvider client={new QueryClient()}>
        <AuthProvider>
          <label htmlFor="c">Code</label>
          <CodePicker id="c" value="908" on="2025-12-02" onChange={() => undefined} />
        </AuthProvider>
      </QueryClientProvider>,
    );
    await waitFor(() => expect(container.querySelectorAll('datalist option')).toHaveLength(1));
    const option = container.querySelector('datalist option') as HTMLOptionElement;
    expect(option.value).toBe('90853');
    expect(option.textContent).toBe('90853 (CPT) Group psychotherapy');
    expect(asked[0]!.pathname).toBe('/api/v1/code-library/codes');
    expect(asked[0]!.searchParams.get('q')).toBe('908');
    expect(asked[0]!.searchParams.get('on')).toBe('2025-12-02');
    const input = container.querySelector('input')!;
    expect(input.getAttribute('list')).toBe(container.querySelector('datalist')!.id);
  });
});
