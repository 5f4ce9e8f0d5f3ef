import { afterEach, describe, expect, it, vi } from 'vitest';

import { api, call, session, TOKENS_KEY } from './client';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('authFetch: refresh rotation', () => {
  afterEach(() => sessionStorage.clear());

  it('on a 401 rotates the refresh token once for concurrent requests and retries them with the new access token', async () => {
    session.setTokens({ accessToken: 'old-access', refreshToken: 'refresh-1' });
    const refreshes: unknown[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
        const req = input instanceof Request ? input : new Request(input, init);
        const path = new URL(req.url).pathname;
        if (path === '/api/v1/portal/auth/refresh') {
          refreshes.push(await req.json());
          return json({ accessToken: 'new-access', tokenType: 'Bearer', expiresIn: 900, refreshToken: 'refresh-2', refreshExpiresAt: '' });
        }
        return req.headers.get('Authorization') === 'Bearer new-access' ? json({ items: [] }) : json({ status: 401 }, 401);
      }),
    );
    const [a, b] = await Promise.all([call(api.GET('/api/v1/portal/goals')), call(api.GET('/api/v1/portal/resources'))]);
    expect(a).toEqual({ items: [] });
    expect(b).toEqual({ items: [] });
    expect(refreshes).toEqual([{ refreshToken: 'refresh-1' }]);
    expect(JSON.parse(sessionStorage.getItem(TOKENS_KEY)!)).toEqual({ accessToken: 'new-access', refreshToken: 'refresh-2' });
  });

  it('forgets the session when the refresh is refused (signed out, not stuck)', async () => {
    session.setTokens({ accessToken: 'old-access', refreshToken: 'spent' });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json({ status: 401 }, 401)),
    );
    await expect(call(api.GET('/api/v1/portal/goals'))).rejects.toThrow('You have been signed out. Please sign in again.');
    expect(sessionStorage.getItem(TOKENS_KEY)).toBeNull();
  });
});
