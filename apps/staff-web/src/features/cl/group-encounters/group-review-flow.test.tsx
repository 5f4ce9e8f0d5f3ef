import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import type { Generation } from '../../../api/client';
import { AuthProvider } from '../../../shared/auth';
import { belowMinimum, generation, withheld } from './generation-fixture';
import { GroupReviewPage } from './group-review-page';

const ORG = '99999999-0000-4000-8000-000000000001';
const VIEW = 'cl.group-encounter-generation.view';
const APPROVE = 'cl.group-encounter-generation.approve';
const EDIT = 'cl.group-encounter-generation.edit';

/** The queue and the group names are two queries; on a loaded machine both take longer than findBy's 1 s default. */
const LOADED = { timeout: 10_000 };

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/**
 * The API as this page sees it, in memory: /me with the given permissions, the review queue (filtered by
 * status), approve (per-item outcomes as the API gives them), patient names. Every request is recorded.
 */
function fakeApi(rows: Generation[], permissions: string[]) {
  const requests: string[] = [];
  const fetchMock = vi.fn(async (req: Request) => {
    const url = new URL(req.url);
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    if (url.pathname === '/api/v1/me') {
      return json({
        user: { id: 'u1', email: 'supervisor@example.test', displayName: 'Dr. Samuel Okafor' },
        organizations: [
          {
            id: ORG,
            name: 'Sonoran',
            slug: 'sonoran',
            roles: ['supervisor'],
            permissions: [...permissions, 'patients.view', 'cl.groups.view'],
            sites: [],
          },
        ],
      });
    }
    if (url.pathname === '/api/v1/group-encounter-generations' && req.method === 'GET') {
      // As the API filters: a status never matches a withheld row (it has none); needsConsent selects exactly those.
      const status = url.searchParams.get('status');
      const needsConsent = url.searchParams.get('needsConsent');
      const items = rows.filter(
        (r) => (!status || r.status === status) && (needsConsent === null || (needsConsent === 'true') === (r.withheldReason !== null)),
      );
      return json({ items, page: 1, pageSize: 50, total: items.length });
    }
    if (url.pathname === '/api/v1/group-encounter-generations/approve' && req.method === 'POST') {
      const { ids } = (await req.json()) as { ids: string[] };
      const results = ids.map((id) => {
        const r = rows.find((x) => x.id === id);
        if (!r) return { id, outcome: 'not_found', detail: 'No generation with that id in your scope.', generation: null };
        if (!r.billable)
          return {
            id,
            outcome: 'not_billable',
            detail: 'The generation is not billable (see its notBillableReason) and cannot be approved; reject it or fix its code.',
            generation: r,
          };
        r.status = 'approved';
        return { id, outcome: 'approved', detail: null, generation: r };
      });
      return json({ results, eventsPublished: 1 });
    }
    if (url.pathname === '/api/v1/patients') {
      const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
      return json({
        items: ids.map((id) => ({ id, firstName: 'Renée', lastName: `Tootsie-${id.slice(-2)}` })),
        page: 1,
        pageSize: 200,
        total: ids.length,
      });
    }
    if (url.pathname === '/api/v1/staff-directory') return json({ items: [], page: 1, pageSize: 200, total: 0 });
    if (url.pathname === '/api/v1/groups')
      return json({ items: [{ id: rows[0]?.groupId, name: 'Family Recovery Group' }], page: 1, pageSize: 200, total: 1 });
    return json({ status: 404, title: 'Not Found' }, 404);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { requests };
}

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={['/review/group-encounters']}>
        <AuthProvider>
          <GroupReviewPage />
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

beforeEach(() => {
  sessionStorage.clear();
  sessionStorage.setItem('cairn.staff.tokens', JSON.stringify({ accessToken: 'a', refreshToken: 'r' }));
});
afterEach(() => vi.unstubAllGlobals());

describe('GroupReviewPage', () => {
  it('approves one row from its own Approve button, without selecting it first', async () => {
    const billable = generation();
    const short = belowMinimum();
    const { requests } = fakeApi([billable, short], [VIEW, APPROVE]);
    renderPage();
    await screen.findByRole('heading', { name: 'Family Recovery Group, 2025-12-02' });
    const rowOf = (g: Generation) => document.querySelector(`tr[data-generation-id="${g.id}"]`) as HTMLElement;
    // Only a billable pending row offers Approve; a not-billable one cannot be approved from its row.
    expect(within(rowOf(short)).queryByRole('button', { name: /^Approve / })).toBeNull();
    fireEvent.click(within(rowOf(billable)).getByRole('button', { name: /^Approve / }));
    await screen.findByRole('heading', { name: 'Result of approving 1 encounter' });
    expect(requests).toContain('POST /api/v1/group-encounter-generations/approve');
    await waitFor(() => expect(rowOf(billable)).toBeNull());
  });

  it('approves the selected rows, shows each outcome, and fetches the queue again', async () => {
    const billable = generation();
    const short = belowMinimum();
    const other = generation();
    const hidden = withheld();
    const { requests } = fakeApi([billable, short, other, hidden], [VIEW, APPROVE, EDIT]);
    renderPage();
    await screen.findByRole('heading', { name: 'Family Recovery Group, 2025-12-02' }, LOADED);
    // Pending review (the default filter) never lists a withheld row: it has no status to match.
    expect(screen.getByText(/3 encounters in 1 session on this page/)).toBeTruthy();
    expect(document.querySelector(`tr[data-generation-id="${hidden.id}"]`)).toBeNull();
    const approve = screen.getByRole('button', { name: 'Approve selected (0)' }) as HTMLButtonElement;
    expect(approve.disabled).toBe(true);

    const rowOf = (g: Generation) => document.querySelector(`tr[data-generation-id="${g.id}"]`) as HTMLElement;
    fireEvent.click(within(rowOf(billable)).getByRole('checkbox'));
    fireEvent.click(within(rowOf(short)).getByRole('checkbox'));
    expect(screen.getByText('2 selected')).toBeTruthy();
    const listed = requests.filter((r) => r.startsWith('GET /api/v1/group-encounter-generations')).length;
    fireEvent.click(screen.getByRole('button', { name: 'Approve selected (2)' }));

    await screen.findByRole('heading', { name: 'Result of approving 2 encounters' });
    expect(screen.getByTestId('results-summary').textContent).toBe('1 approved, 1 not billable.');
    const items = screen.getAllByRole('listitem').filter((li) => li.hasAttribute('data-outcome'));
    expect(items.map((li) => [li.getAttribute('data-generation-id'), li.getAttribute('data-outcome')])).toEqual([
      [billable.id, 'approved'],
      [short.id, 'not_billable'],
    ]);
    expect(items[0]!.textContent).toMatch(/^✓ Tootsie-\d\d, Renée \(2025-12-02\): Approved$/);
    expect(requests).toContain('POST /api/v1/group-encounter-generations/approve');

    // Invalidated: the queue is fetched again, and the approved row leaves the pending list.
    await waitFor(() => expect(rowOf(billable)).toBeNull());
    expect(requests.filter((r) => r.startsWith('GET /api/v1/group-encounter-generations')).length).toBeGreaterThan(listed);
    expect(rowOf(short)).not.toBeNull();
    expect(screen.getByText('0 selected')).toBeTruthy();

    // A new filter is a new list: the result of the earlier action leaves with the old one.
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'approved' } });
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Result of approving 2 encounters' })).toBeNull());
  });

  it('shows rows withheld for want of a Part 2 consent apart, saying only that they exist and why', async () => {
    const hidden = [withheld(), withheld()];
    const { requests } = fakeApi([generation(), ...hidden], [VIEW, APPROVE, EDIT]);
    renderPage();
    await screen.findByRole('heading', { name: 'Family Recovery Group, 2025-12-02' }, LOADED);
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'needs_consent' } });
    const section = await screen.findByRole('region', { name: /Withheld \(42 CFR Part 2\)/ });
    expect(requests.some((r) => r.includes('needsConsent=true'))).toBe(true);
    expect(section.getAttribute('data-withheld-count')).toBe('2');
    expect(section.textContent).toContain('2 encounters on this page are withheld');
    expect(screen.getByText(/About withheld rows:/).closest('p')?.textContent).toContain('42 CFR Part 2');
    // Nothing of them is selectable or shown as a row: no session, code or attendance to show.
    for (const h of hidden) expect(document.querySelector(`tr[data-generation-id="${h.id}"]`)).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Family Recovery Group, 2025-12-02' })).toBeNull();
  });

  it('opens the reject dialog for the selection; a user without approve sees no selection or actions', async () => {
    const rows = [generation(), generation()];
    fakeApi(rows, [VIEW, APPROVE]);
    const { unmount } = renderPage();
    await screen.findByRole('heading', { name: 'Family Recovery Group, 2025-12-02' }, LOADED);
    expect(screen.queryByRole('button', { name: /^Edit code/ })).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Select all 2 selectable on this page' }));
    fireEvent.click(screen.getByRole('button', { name: 'Reject selected (2)…' }));
    expect(screen.getByRole('dialog', { name: 'Reject 2 encounters' })).toBeTruthy();
    unmount();
    vi.unstubAllGlobals();

    fakeApi([generation()], [VIEW]);
    renderPage();
    await screen.findByRole('heading', { name: 'Family Recovery Group, 2025-12-02' }, LOADED);
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: /Approve selected|Reject selected|Edit code/ })).toBeNull();
  });
});
