import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter, useLocation } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';

import type { ProductivityRow } from '../../../api/client';
import { AuthProvider } from '../../../shared/auth';
import { ProviderProductivityPage } from './provider-productivity-page';
import { quarters } from './quarters';

const ORG = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const SITE = 'cccccccc-cccc-4ccc-8ccc-cccccccccccc';
const P = ['11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222', '33333333-3333-4333-8333-333333333333'];
const NAMES = ['Ana Alvarez, LCSW', 'Ben Brooks, LPC', 'Cleo Cruz, CPRS'];
const ME = {
  user: { id: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb', email: 'hr@sonoran.cairn.test', displayName: 'Harriet HR' },
  organizations: [
    {
      id: ORG,
      name: 'Sonoran',
      slug: 'sonoran',
      roles: ['hr'],
      permissions: ['hr.productivity.view'],
      sites: [{ id: SITE, code: 'PHX', name: 'Phoenix Central', permissions: ['hr.productivity.view'] }],
    },
  ],
};
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

function row(i: number, over: Partial<ProductivityRow> = {}): ProductivityRow {
  return {
    providerId: P[i]!,
    siteId: SITE,
    organizationId: ORG,
    periodStart: '2025-10-01',
    periodEnd: '2025-12-31',
    notesCompletedCount: [30, 12, 21][i]!,
    notesCompletedPerWeek: [2.3, 0.9, 1.6][i]!,
    avgDocumentationLagHours: [20, null, 31][i]!,
    documentationLagBins: [{ under24h: 20, atLeast24h: 10 }, null, { under24h: 6, atLeast24h: 15 }][i]!,
    activeCaseloadCount: [9, 6, 12][i]!,
    noShowCount: 1,
    noShowRate: [0.05, 0.1, 0.02][i]!,
    lateCancelCount: [0, 3, 1][i]!,
    sessionCountByCategory: {},
    ...over,
  } as ProductivityRow;
}

/** The report per quarter start: only the named ones have activity. */
function stub(reports: Record<string, { items: ProductivityRow[]; suppressedProviderCount: number }>) {
  const asked: string[] = [];
  sessionStorage.setItem('cairn.staff.tokens', JSON.stringify({ accessToken: 'a', refreshToken: 'r' }));
  sessionStorage.setItem('cairn.staff.scope', JSON.stringify({ organizationId: ORG }));
  vi.stubGlobal(
    'fetch',
    vi.fn(async (req: Request) => {
      const url = new URL(req.url);
      if (url.pathname === '/api/v1/me') return json(ME);
      if (url.pathname === '/api/v1/staff-directory')
        return json({ items: P.map((id, i) => ({ id, displayName: NAMES[i], roles: ['clinician'] })), page: 1, pageSize: 200, total: 3 });
      if (url.pathname === '/api/v1/hr/provider-productivity') {
        const start = url.searchParams.get('periodStart')!;
        asked.push(start);
        return json(reports[start] ?? { items: [], suppressedProviderCount: 0 });
      }
      return json({ title: 'Not Found', status: 404 }, 404);
    }),
  );
  return asked;
}

function Where() {
  const l = useLocation();
  return <div data-testid="where">{l.search}</div>;
}

function renderAt(path: string) {
  return render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[path]}>
        <AuthProvider>
          <ProviderProductivityPage />
          <Where />
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const where = () => new URLSearchParams(screen.getByTestId('where').textContent ?? '');
const bodyRows = () =>
  within(screen.getByRole('table', { name: /Provider productivity, / }))
    .getAllByRole('row')
    .slice(1)
    .map((r) => within(r).getByRole('rowheader').textContent);

afterEach(() => {
  vi.unstubAllGlobals();
  sessionStorage.clear();
});

describe('Provider productivity', { timeout: 20_000 }, () => {
  it('opens on the latest quarter with rows to show, asking newest first and once per quarter, and keeps it in the address', async () => {
    const older = quarters(new Date(), 2024)[3]!;
    const withheldOnly = quarters(new Date(), 2024)[1]!;
    const asked = stub({
      [withheldOnly.start]: { items: [], suppressedProviderCount: 2 },
      [older.start]: { items: [row(0)], suppressedProviderCount: 1 },
    });
    renderAt('/hr/productivity');
    await screen.findByText(`1 row for ${older.label}.`);
    expect(where().get('period')).toBe(older.label.replace(' ', '-'));
    expect((screen.getByLabelText('Period') as HTMLSelectElement).value).toBe(older.label.replace(' ', '-'));
    // Newest first, stopping at the first quarter with activity; its answer is reused, not asked again.
    expect(asked).toEqual(
      quarters(new Date(), 2024)
        .slice(0, 4)
        .map((p) => p.start),
    );
  });

  it('a period in the address is asked directly', async () => {
    const asked = stub({ '2025-10-01': { items: [row(0)], suppressedProviderCount: 0 } });
    renderAt('/hr/productivity?period=2025-Q4');
    await screen.findByText('1 row for 2025 Q4.');
    expect(asked).toEqual(['2025-10-01']);
  });

  it('charts notes and lag per provider by name, the figures also in the table, withheld averages said', async () => {
    stub({ '2025-10-01': { items: [row(0), row(1), row(2)], suppressedProviderCount: 0 } });
    renderAt('/hr/productivity?period=2025-Q4');
    const figure = await screen.findByRole('figure', { name: /Notes signed and average documentation lag per provider, 2025 Q4/ });
    expect(figure.textContent).toContain('1 average is withheld and not drawn');
    expect(figure.querySelector('[aria-hidden="true"] svg')).not.toBeNull();
    await waitFor(() => expect(bodyRows()).toEqual(NAMES));
  });

  it('says how lag is distributed across the providers whose bins are published, and who is left out', async () => {
    stub({ '2025-10-01': { items: [row(0), row(1), row(2)], suppressedProviderCount: 2 } });
    renderAt('/hr/productivity?period=2025-Q4');
    const section = await screen.findByRole('region', { name: 'Documentation lag, 2025 Q4' });
    // (20 + 6) of (30 + 21) notes within 24 h, from the two published distributions only.
    expect(section.textContent).toContain('Across the 2 providers whose lag can be shown, 51 % of 51 notes were signed within 24 hours');
    expect(within(section).getByRole('img').getAttribute('aria-label')).toBe('Notes signed: 26 under 24 h, 25 24 h or more');
    expect(section.textContent).toContain('1 provider shown whose bins are withheld');
    expect(section.textContent).toContain('2 providers not shown at all (fewer than 5 patients)');
  });

  it('still says something useful when every distribution is withheld', async () => {
    stub({ '2025-10-01': { items: [row(1)], suppressedProviderCount: 0 } });
    renderAt('/hr/productivity?period=2025-Q4');
    const section = await screen.findByRole('region', { name: 'Documentation lag, 2025 Q4' });
    expect(section.textContent).toContain('No provider’s lag distribution can be shown for 2025 Q4');
    expect(section.textContent).toContain('a longer period (the year)');
  });

  it('sorts by a column from its header (keyboard button, aria-sort), keeps the sort in the address', async () => {
    stub({ '2025-10-01': { items: [row(0), row(1), row(2)], suppressedProviderCount: 0 } });
    renderAt('/hr/productivity?period=2025-Q4');
    await waitFor(() => expect(bodyRows()).toEqual(NAMES));
    const provider = screen.getByRole('columnheader', { name: /^Provider/ });
    expect(provider.getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(screen.getByRole('button', { name: /^Notes signed, sort descending/ }));
    await waitFor(() => expect(bodyRows()).toEqual([NAMES[0], NAMES[2], NAMES[1]]));
    expect(where().get('sort')).toBe('-notes');
    expect(screen.getByRole('columnheader', { name: /^Notes signed/ }).getAttribute('aria-sort')).toBe('descending');
    expect(provider.getAttribute('aria-sort')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /^Average lag \(hours\), sort descending/ }));
    // A withheld average sorts last either way.
    await waitFor(() => expect(bodyRows()).toEqual([NAMES[2], NAMES[0], NAMES[1]]));
    fireEvent.click(screen.getByRole('button', { name: /^Average lag \(hours\), sort ascending/ }));
    await waitFor(() => expect(bodyRows()).toEqual([NAMES[0], NAMES[2], NAMES[1]]));
    expect(where().get('sort')).toBe('lag');
  });

  it('a sort in the address is applied on load', async () => {
    stub({ '2025-10-01': { items: [row(0), row(1), row(2)], suppressedProviderCount: 0 } });
    renderAt('/hr/productivity?period=2025-Q4&sort=-caseload');
    await waitFor(() => expect(bodyRows()).toEqual([NAMES[2], NAMES[0], NAMES[1]]));
  });
});
