import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { StaffName, useStaffNames } from './staff-names';

const ANA = '11111111-1111-4111-8111-111111111111';
const GONE = '22222222-2222-4222-8222-222222222222';

function Names({ ids }: { ids: string[] }) {
  const { names, isPending } = useStaffNames(ids, 'org-1');
  return (
    <ul>
      {ids.map((id, i) => (
        <li key={i}>
          <StaffName id={id} names={names} isPending={isPending} />
        </li>
      ))}
    </ul>
  );
}

function renderWithQuery(ui: React.ReactElement) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

afterEach(() => vi.unstubAllGlobals());

describe('StaffName', () => {
  it('shows the name and keeps the id as the title', () => {
    render(<StaffName id={ANA} names={new Map([[ANA, 'Ana Ortiz, LPC']])} />);
    const el = screen.getByText('Ana Ortiz, LPC');
    expect(el.getAttribute('title')).toBe(`Staff user ${ANA}`);
    expect(el.getAttribute('data-staff-id')).toBe(ANA);
  });

  it('falls back to the id, saying the name is unknown, when the directory has no name', () => {
    const { container } = render(<StaffName id={GONE} names={new Map()} />);
    expect(container.querySelector('code')?.textContent).toBe(GONE);
    expect(container.textContent).toContain('(name not in the staff directory)');
  });

  it('shows only the id while the names are loading', () => {
    const { container } = render(<StaffName id={GONE} names={new Map()} isPending />);
    expect(container.textContent).toBe(GONE);
  });
});

describe('useStaffNames', () => {
  it('asks the directory for the distinct ids once and names those it returns', async () => {
    const fetchMock = vi.fn(async (req: Request) => {
      expect(new URL(req.url).pathname).toBe('/api/v1/staff-directory');
      return new Response(
        JSON.stringify({ items: [{ id: ANA, displayName: 'Ana Ortiz, LPC', roles: ['clinician'] }], page: 1, pageSize: 200, total: 1 }),
        {
          status: 200,
          headers: { 'Content-Type': 'application/json' },
        },
      );
    });
    vi.stubGlobal('fetch', fetchMock);
    const { container } = renderWithQuery(<Names ids={[ANA, GONE, ANA]} />);
    expect(await screen.findAllByText('Ana Ortiz, LPC')).toHaveLength(2);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const url = new URL((fetchMock.mock.calls[0]![0] as Request).url);
    expect(url.searchParams.get('ids')!.split(',').sort()).toEqual([ANA, GONE]);
    expect(container.textContent).toContain(`${GONE} (name not in the staff directory)`);
  });

  it('splits more ids than one request takes into requests of 200 and merges their names', async () => {
    const ids = Array.from({ length: 201 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const fetchMock = vi.fn(async (req: Request) => {
      const asked = new URL(req.url).searchParams.get('ids')!.split(',');
      const items = asked.map((id) => ({ id, displayName: `Staff ${id.slice(-3)}`, roles: ['clinician'] }));
      return new Response(JSON.stringify({ items, page: 1, pageSize: 200, total: items.length }), {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
      });
    });
    vi.stubGlobal('fetch', fetchMock);
    renderWithQuery(<Names ids={[ids[0]!, ids[200]!, ...ids.slice(1, 200)]} />);
    expect(await screen.findByText('Staff 000')).toBeTruthy();
    expect(await screen.findByText('Staff 200')).toBeTruthy();
    expect(fetchMock).toHaveBeenCalledTimes(2);
    const sizes = fetchMock.mock.calls
      .map((c) => new URL((c[0] as Request).url).searchParams.get('ids')!.split(',').length)
      .sort((a, b) => a - b);
    expect(sizes).toEqual([1, 200]);
  });

  it('leaves the ids showing when the lookup fails', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ status: 403, title: 'Forbidden' }), {
            status: 403,
            headers: { 'Content-Type': 'application/problem+json' },
          }),
      ),
    );
    const { container } = renderWithQuery(<Names ids={[ANA]} />);
    await vi.waitFor(() => expect(container.textContent).toContain('(name not in the staff directory)'));
    expect(container.querySelector('code')?.textContent).toBe(ANA);
  });

  it('does not call the directory without ids', () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    renderWithQuery(<Names ids={[]} />);
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
