import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { AuthProvider } from '../../../shared/auth';
import { NavExtrasProvider, type NavExtra } from '../../../shared/nav-extras';
import { RequireSignIn } from './shell';

const ORG = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const ME = {
  user: { id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', email: 'admin@cairn.test', displayName: 'Alex Admin' },
  organizations: [
    {
      id: ORG,
      name: 'Sonoran',
      slug: 'sonoran',
      roles: ['admin'],
      permissions: ['patients.view', 'pm.charges.view'],
      sites: [{ id: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc', name: 'Tucson' }],
    },
  ],
};

function Where() {
  return <output aria-label="where">{useLocation().pathname}</output>;
}

function renderShell(extras: NavExtra[] = []) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) =>
      new URL(req.url).pathname === '/api/v1/me'
        ? new Response(JSON.stringify(ME), { headers: { 'Content-Type': 'application/json' } })
        : new Response(JSON.stringify({ status: 404, title: 'Not Found' }), { status: 404 }),
    ),
  );
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={['/']}>
        <AuthProvider>
          <NavExtrasProvider extras={extras}>
            <RequireSignIn>
              <Where />
            </RequireSignIn>
          </NavExtrasProvider>
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

/**
 * The navigation that collapses on a phone (the stylesheet hides `.app-menu` below 48rem unless it is `open`; the
 * browser tests check the widths): a Menu button that is a disclosure for everything the header holds.
 */
describe('the app shell navigation', () => {
  it('folds the navigation, search, scope and sign-out behind one Menu button that says whether it is open', async () => {
    renderShell();
    await screen.findByRole('link', { name: 'Charges' }); // the navigation follows the permissions of /me
    const menu = screen.getByRole('button', { name: 'Menu' });
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    const folded = document.getElementById(menu.getAttribute('aria-controls')!)!;
    expect(folded.className).toBe('app-menu');
    const nav = within(folded).getByRole('navigation', { name: 'Main' });
    expect(
      within(nav)
        .getAllByRole('link')
        .map((a) => a.textContent),
    ).toEqual(['Home', 'Patients', 'Charges']);
    expect(within(folded).getByRole('search', { name: 'Find a patient' })).toBeTruthy();
    expect(within(folded).getByLabelText('Work in organization')).toBeTruthy();
    expect(within(folded).getByRole('button', { name: 'Sign out' })).toBeTruthy();
    await userEvent.setup().click(menu);
    expect(menu.getAttribute('aria-expanded')).toBe('true');
    expect(folded.className).toBe('app-menu open');
  });

  it('closes on Escape and gives focus back to the Menu button', async () => {
    renderShell();
    const user = userEvent.setup();
    const menu = await screen.findByRole('button', { name: 'Menu' });
    await user.click(menu);
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Home');
    await user.keyboard('{Escape}');
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(menu);
  });

  it('closes when a link opens another page, and marks the current page in the navigation', async () => {
    renderShell();
    const user = userEvent.setup();
    await screen.findByRole('link', { name: 'Charges' });
    const menu = screen.getByRole('button', { name: 'Menu' });
    await user.click(menu);
    const nav = screen.getByRole('navigation', { name: 'Main' });
    await user.click(within(nav).getByRole('link', { name: 'Charges' }));
    expect(screen.getByLabelText('where').textContent).toBe('/billing/charges');
    expect(menu.getAttribute('aria-expanded')).toBe('false');
    expect(within(nav).getByRole('link', { name: 'Charges' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('link', { name: 'Home' }).getAttribute('aria-current')).toBeNull();
  });
});

describe('navigation entries of other contexts (given by app.tsx)', () => {
  it('shows an entry only when the user holds its permission', async () => {
    renderShell([
      { key: 'held', permission: 'pm.charges.view', render: () => <a href="/extra">Another context’s page</a> },
      { key: 'not-held', permission: 'portal.activity.view', render: () => <a href="/hidden">Not for this user</a> },
    ]);
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(await within(nav).findByRole('link', { name: 'Another context’s page' })).toBeTruthy();
    expect(within(nav).queryByRole('link', { name: 'Not for this user' })).toBeNull();
  });
});
