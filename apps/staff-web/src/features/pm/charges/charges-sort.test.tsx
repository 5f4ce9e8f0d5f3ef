import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { AuthProvider } from '../../../shared/auth';
import { ChargesPage } from './charges-page';

const ORG = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const ME = {
  user: { id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', email: 'billing@sonoran.cairn.test', displayName: 'Bill Ing' },
  organizations: [{ id: ORG, name: 'Sonoran', slug: 'sonoran', roles: ['billing'], permissions: ['pm.charges.view'], sites: [] }],
};
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });
const withheld = {
  id: 'eeeeeeee-0000-4000-8000-000000000001',
  status: null,
  holdReason: null,
  source: null,
  encounterId: null,
  patientId: null,
  chartId: null,
  siteId: null,
  serviceDate: null,
  renderingProviderId: null,
  durationMinutes: null,
  proposed: null,
  final: null,
  units: null,
  unitBasis: null,
  rateCents: null,
  amountCents: null,
  feeScheduleEntryId: null,
  jurisdictionProfileKey: null,
  consentRequired: true,
  withheldReason: 'part2_consent_required',
  part2Notice: null,
  createdAt: null,
  lifecycle: null,
};

function Where() {
  return <div data-testid="where">{useLocation().search}</div>;
}

function setup(path: string) {
  const asked: URLSearchParams[] = [];
  sessionStorage.setItem('cairn.staff.tokens', JSON.stringify({ accessToken: 'a', refreshToken: 'r' }));
  sessionStorage.setItem('cairn.staff.scope', JSON.stringify({ organizationId: ORG }));
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const url = new URL(req.url);
      if (url.pathname === '/api/v1/me') return json(ME);
      if (url.pathname === '/api/v1/charges') {
        asked.push(url.searchParams);
        return json({ items: [withheld], page: Number(url.searchParams.get('page') ?? 1), pageSize: 50, total: 1 });
      }
      return json({ title: 'Not Found', status: 404 }, 404);
    }),
  );
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[path]}>
        <AuthProvider>
          <ChargesPage />
          <Where />
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
  return asked;
}

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('Charges: column sorting', { timeout: 20_000 }, () => {
  it('sorts on the server from a header button, with aria-sort, the sort in the address and back to page 1', async () => {
    const asked = setup('/charges?page=2');
    const date = await screen.findByRole('columnheader', { name: /^Service date/ });
    expect(date.getAttribute('aria-sort')).toBe('descending');
    expect(asked.at(-1)!.get('sort')).toBe('-serviceDate');
    fireEvent.click(screen.getByRole('button', { name: /^Amount, sort descending/ }));
    await waitFor(() => expect(asked.at(-1)!.get('sort')).toBe('-amount'));
    expect(asked.at(-1)!.get('page')).toBe('1');
    expect(screen.getByTestId('where').textContent).toBe('?sort=-amount');
    expect(screen.getByRole('columnheader', { name: /^Amount/ }).getAttribute('aria-sort')).toBe('descending');
    expect(date.getAttribute('aria-sort')).toBeNull();
    // Sorted by what a withheld charge hides, the page says where withheld charges are.
    expect(await screen.findByText(/Sorted by amount or status, withheld charges come after all the others\./)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /^Amount, sort ascending/ }));
    await waitFor(() => expect(asked.at(-1)!.get('sort')).toBe('amount'));
  });

  it('a sort in the address is sent', async () => {
    const asked = setup('/charges?sort=status');
    await screen.findByRole('columnheader', { name: /^Status/ });
    expect(asked.at(-1)!.get('sort')).toBe('status');
  });

  it('an unknown sort in the address is not sent', async () => {
    const asked = setup('/charges?sort=patient');
    await screen.findByRole('columnheader', { name: /^Service date/ });
    expect(asked.at(-1)!.get('sort')).toBe('-serviceDate');
  });
});
