import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { expectOnlyTheRefusal } from '../../../shared/refused-page.testing';
import { forbidden, json, meWith, renderAt, SITE, stubApi, tile, USER, view } from './dashboard-fixture';
import { DashboardPage } from './dashboard-page';

const VIEW = ['dashboards.view'];
const home = [
  { path: '/', element: <DashboardPage /> },
  { path: '/dashboards/group', element: <DashboardPage which="group" /> },
];

/** EventSource is not in jsdom: a stand-in the test drives (the stream's own behaviour is the API's e2e). */
class FakeEventSource {
  static last: FakeEventSource | undefined;
  listeners = new Map<string, ((e: MessageEvent) => void)[]>();
  onerror: (() => void) | null = null;
  closed = false;
  constructor(public url: string) {
    FakeEventSource.last = this;
  }
  addEventListener(type: string, fn: (e: MessageEvent) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), fn]);
  }
  emit(type: string, data: unknown, lastEventId = '') {
    for (const fn of this.listeners.get(type) ?? []) fn(new MessageEvent(type, { data: JSON.stringify(data), lastEventId }));
  }
  close() {
    this.closed = true;
  }
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  sessionStorage.clear();
  FakeEventSource.last = undefined;
});

describe('Home: the role dashboard', () => {
  it('shows each tile with its figure, update model and freshness label, attention in icon and words, stale since when', async () => {
    stubApi(meWith(VIEW), (_req, url) => {
      if (url.pathname === '/api/v1/dashboards/me')
        return json(
          view([
            tile({
              attention: [
                {
                  rule: 'threshold',
                  level: 'alert',
                  condition: 'No-show rate above 10%',
                  label: 'Above target',
                  icon: 'alert-triangle',
                  compared: null,
                  drill: 'appointments.no-show',
                },
              ] as never,
            }),
            tile({
              metricKey: 'charges.on-hold',
              name: 'Charges on hold',
              unit: 'count',
              value: 4,
              updateModel: 'batch',
              freshness: { label: 'As of 02:00 today', computedAt: '2026-12-05T02:00:00Z', asOf: '2026-12-05' },
              stale: { since: '2026-12-04T02:00:00Z', reason: 'the billing source is failing' },
              drill: '/api/v1/dashboards/drill/charges.on-hold?from=2026-12-05&to=2026-12-05&metric=charges.on-hold',
              attention: [],
            }),
          ]),
        );
    });
    renderAt('/', home);
    const noShow = await screen.findByRole('region', { name: 'No-show rate' });
    expect(within(noShow).getByText('12.5%')).toBeTruthy();
    expect(noShow.textContent).toContain('Near real-time');
    expect(noShow.textContent).toContain('Updated 3 min ago');
    const flag = within(noShow).getByRole('listitem');
    expect(flag.textContent).toContain('⚠');
    expect(flag.textContent).toContain('Alert: Above target');
    expect(flag.textContent).toContain('No-show rate above 10%');
    const onHold = screen.getByRole('region', { name: 'Charges on hold' });
    expect(onHold.textContent).toContain('Batch (nightly)');
    expect(onHold.textContent).toContain('As of 02:00 today');
    expect(within(onHold).getByRole('note').textContent).toMatch(/Not current since Dec 4, .*: the billing source is failing/);
    expect(
      within(onHold)
        .getByRole('link', { name: /See the records/ })
        .getAttribute('href'),
    ).toBe('/dashboards/drill/charges.on-hold?range=today&metric=charges.on-hold');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Welcome, Maria Manager');
    expect(screen.getByText('Your Manager / Owner dashboard')).toBeTruthy();
  });

  it('draws a breakdown as a chart with the same figures in a text alternative table', async () => {
    stubApi(meWith(VIEW), (_req, url) => {
      if (url.pathname === '/api/v1/dashboards/me')
        return json(view([tile({ unit: 'count', value: 9, breakdown: { attended: 6, 'no-show': 2, cancelled: 1 } })]));
    });
    renderAt('/', home);
    const table = await screen.findByRole('table', { name: 'No-show rate: breakdown' });
    const rows = within(table)
      .getAllByRole('row')
      .map((r) => r.textContent);
    expect(rows).toEqual(['attended6', 'no show2', 'cancelled1']);
    expect(document.querySelector('.tile-chart [aria-hidden="true"] svg')).not.toBeNull();
  });

  it("draws a tile's trend as a line chart with every window in a text alternative table, gaps said as no data", async () => {
    const day = (d: number, value: number | null) => ({ from: `2026-12-0${d}`, to: `2026-12-0${d}`, value });
    stubApi(meWith(VIEW), (_req, url) => {
      if (url.pathname === '/api/v1/dashboards/me')
        return json(view([tile({ unit: 'count', value: 4, series: [day(1, 2), day(2, null), day(3, 7), day(4, 0), day(5, 4)] })]));
    });
    renderAt('/', home);
    const table = await screen.findByRole('table', { name: 'No-show rate: trend, last 5 days' });
    expect(
      within(table)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['1 Dec2', '2 Decno data', '3 Dec7', '4 Dec0', '5 Dec4']);
    expect(screen.getByText('Trend, last 5 days')).toBeTruthy();
    expect(document.querySelector('.tile-trend [aria-hidden="true"] svg')).not.toBeNull();
  });

  it('draws no trend when fewer than two windows hold a value, nor for a yes/no figure', async () => {
    const week = { from: '2026-11-30', to: '2026-12-06', value: 3 };
    stubApi(meWith(VIEW), (_req, url) => {
      if (url.pathname === '/api/v1/dashboards/me')
        return json(
          view([
            tile({ unit: 'count', series: [{ from: '2026-11-23', to: '2026-11-29', value: null }, week] }),
            tile({ metricKey: 'audit.verified', name: 'Audit chain verified', unit: 'boolean', value: 1, series: [week, week] }),
          ]),
        );
    });
    renderAt('/', home);
    await screen.findByRole('heading', { name: 'Audit chain verified' });
    expect(document.querySelector('.tile-trend')).toBeNull();
  });

  it('charts each dimension of a breakdown apart (by code, by source)', async () => {
    stubApi(meWith(VIEW), (_req, url) => {
      if (url.pathname === '/api/v1/dashboards/me')
        return json(
          view([
            tile({
              unit: 'count',
              value: 9,
              breakdown: { 'code:90853': 5, 'code:H0005': 2, 'source:peer-encounter': 2, 'source:group': 7 },
            }),
          ]),
        );
    });
    renderAt('/', home);
    const byCode = await screen.findByRole('table', { name: 'No-show rate: by code' });
    expect(
      within(byCode)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['908535', 'H00052']);
    const bySource = screen.getByRole('table', { name: 'No-show rate: by source' });
    expect(
      within(bySource)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['peer encounter2', 'group7']);
  });

  it('keeps the filters in the address and asks the API with them', async () => {
    const seen = stubApi(meWith(VIEW), (_req, url) => {
      if (url.pathname === '/api/v1/dashboards/me') return json(view([tile()]));
    });
    renderAt('/?range=this-week', home);
    await screen.findByRole('region', { name: 'No-show rate' });
    const dash = () => seen.filter((r) => new URL(r.url).pathname === '/api/v1/dashboards/me').map((r) => new URL(r.url).search);
    expect(dash()).toContain('?range=this-week');

    fireEvent.change(screen.getByRole('combobox', { name: 'Site' }), { target: { value: SITE } });
    await waitFor(() => expect(screen.getByTestId('where').textContent).toBe(`/?range=this-week&siteId=${SITE}`));
    await waitFor(() => expect(dash()).toContain(`?range=this-week&siteId=${SITE}`));

    fireEvent.change(screen.getByRole('combobox', { name: 'Provider' }), { target: { value: USER } });
    await waitFor(() => expect(dash().at(-1)).toBe(`?range=this-week&siteId=${SITE}&providerId=${USER}`));

    // A custom range is asked for only once both days are whole dates.
    fireEvent.change(screen.getByRole('combobox', { name: 'Dates' }), { target: { value: 'custom' } });
    expect(await screen.findByText('Choose both days of the custom range.')).toBeTruthy();
    const before = dash().length;
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-11-01' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-11-30' } });
    await waitFor(() => expect(dash().at(-1)).toBe(`?range=custom&from=2026-11-01&to=2026-11-30&siteId=${SITE}&providerId=${USER}`));
    expect(dash().length).toBe(before + 1);
  }, 20_000);

  it('a filter the API refuses (a site outside scope) shows only the refusal', async () => {
    await expectOnlyTheRefusal(<DashboardPage noView={<p>Pages list</p>} />, '/', 'Welcome, Front Desk');
  });

  it('a role no view is bound to (HR, an administrator) keeps its home page', async () => {
    stubApi(meWith(VIEW), (_req, url) => {
      if (url.pathname === '/api/v1/dashboards/me')
        return json(
          {
            type: 'about:blank',
            title: 'Forbidden',
            status: 403,
            detail: 'No dashboard view is bound to your role.',
            errors: [{ field: 'role', message: 'No dashboard view is bound to your role.' }],
          },
          403,
        );
    });
    renderAt('/', [{ path: '/', element: <DashboardPage noView={<p>The pages your role opens</p>} /> }]);
    expect(await screen.findByText('The pages your role opens')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows no export buttons without dashboards.export', async () => {
    stubApi(meWith(VIEW), (_req, url) => {
      if (url.pathname === '/api/v1/dashboards/me') return json(view([tile()]));
    });
    renderAt('/', home);
    await screen.findByRole('region', { name: 'No-show rate' });
    expect(screen.queryByRole('button', { name: /Export/ })).toBeNull();
  });

  it('offers CSV and PDF to a role that may export, and says so plainly when the server refuses anyway', async () => {
    const seen = stubApi(meWith([...VIEW, 'dashboards.export']), (_req, url) => {
      if (url.pathname === '/api/v1/dashboards/me') return json(view([tile()]));
      if (url.pathname === '/api/v1/dashboards/me/export' && url.searchParams.get('format') === 'csv')
        return new Response('metric,value\nNo-show rate,0.125\n', {
          headers: { 'Content-Type': 'text/csv', 'Content-Disposition': 'attachment; filename="dashboard-2026-12-05.csv"' },
        });
      if (url.pathname === '/api/v1/dashboards/me/export') return forbidden('Export is switched off for this role.');
    });
    renderAt('/?range=this-week', home);
    fireEvent.click(await screen.findByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(screen.getByText('Downloaded dashboard-2026-12-05.csv.')).toBeTruthy());
    const exportReq = seen.find((r) => new URL(r.url).pathname === '/api/v1/dashboards/me/export')!;
    expect(new URL(exportReq.url).searchParams.get('range')).toBe('this-week');

    fireEvent.click(screen.getByRole('button', { name: 'Export PDF' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'The server refused the export: your role may not export dashboards in this organization. Ask an administrator if you need it.',
    );
    // The tiles stay.
    expect(screen.getByRole('region', { name: 'No-show rate' })).toBeTruthy();
  });

  it('the Group / Multi-Site view is linked and opened only with dashboards.cross-site.view', async () => {
    const seen = stubApi(meWith(VIEW), (_req, url) => {
      if (url.pathname === '/api/v1/dashboards/me') return json(view([tile()]));
      if (url.pathname === '/api/v1/dashboards/cross-site') return forbidden();
    });
    const { unmount } = renderAt('/', home);
    await screen.findByRole('region', { name: 'No-show rate' });
    expect(screen.queryByRole('link', { name: 'Group / Multi-Site view' })).toBeNull();
    unmount();

    renderAt('/dashboards/group', home);
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Not allowed\. The group comparison needs an explicit grant/);
    expect(seen.some((r) => new URL(r.url).pathname === '/api/v1/dashboards/cross-site')).toBe(false);
  });

  it('with the grant, the group view shows each tile per site as a chart with a table', async () => {
    stubApi(meWith([...VIEW, 'dashboards.cross-site.view']), (_req, url) => {
      if (url.pathname === '/api/v1/dashboards/me') return json(view([tile()]));
      if (url.pathname === '/api/v1/dashboards/cross-site')
        return json(
          view(
            [
              tile({
                unit: 'count',
                value: 7,
                bySite: [
                  { siteId: SITE, siteName: 'Phoenix Central', value: 5 },
                  { siteId: 'dddddddd-dddd-4ddd-8ddd-dddddddddddd', siteName: 'Tucson East', value: 2 },
                ],
              }),
            ],
            { view: { id: 'x', key: 'group', name: 'Group', permissionScope: 'group', layoutVersion: 1, userLayoutEnabled: false } },
          ),
        );
    });
    renderAt('/', home);
    fireEvent.click(await screen.findByRole('link', { name: 'Group / Multi-Site view' }));
    const table = await screen.findByRole('table', { name: 'No-show rate: by site' });
    expect(
      within(table)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['Phoenix Central5', 'Tucson East2']);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Group / Multi-Site');
  });

  it('shows Live over the stream, refetches on a change, and Reconnecting… with a fresh ticket when it drops', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    let value = 3;
    let tickets = 0;
    const seen = stubApi(meWith(VIEW), (req, url) => {
      if (url.pathname === '/api/v1/dashboards/me') return json(view([tile({ unit: 'count', value })]));
      if (url.pathname === '/api/v1/dashboards/stream/tickets' && req.method === 'POST') {
        tickets += 1;
        return json({ ticket: `t${tickets}`, expiresInSeconds: 60, url: `/api/v1/dashboards/stream?ticket=t${tickets}` }, 201);
      }
    });
    renderAt('/', home);
    await screen.findByText('3');
    expect(screen.getByRole('status').textContent).toContain('Connecting…');
    await waitFor(() => expect(FakeEventSource.last?.url).toContain('ticket=t1'));
    act(() => FakeEventSource.last!.emit('ready', { metrics: [] }));
    expect(screen.getByRole('status').textContent).toBe('● Live');

    value = 4;
    act(() => FakeEventSource.last!.emit('metrics-changed', { metrics: ['appointments.no-show-rate'] }, '17'));
    await screen.findByText('4');

    const first = FakeEventSource.last!;
    act(() => first.onerror?.());
    expect(first.closed).toBe(true);
    expect(screen.getByRole('status').textContent).toBe('◌ Reconnecting…');
    // After the pause: a new ticket, resuming after the last change seen.
    await waitFor(() => expect(FakeEventSource.last).not.toBe(first), { timeout: 4000 });
    expect(FakeEventSource.last!.url).toContain('ticket=t2');
    expect(FakeEventSource.last!.url).toContain('lastEventId=17');
    expect(seen.filter((r) => new URL(r.url).pathname === '/api/v1/dashboards/stream/tickets')).toHaveLength(2);
  });

  it('says the page is not live when the stream ticket is refused', async () => {
    vi.stubGlobal('EventSource', FakeEventSource);
    stubApi(meWith(VIEW), (_req, url) => {
      if (url.pathname === '/api/v1/dashboards/me') return json(view([tile()]));
      if (url.pathname === '/api/v1/dashboards/stream/tickets') return forbidden();
    });
    renderAt('/', home);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('○ Not live: refresh the page for new figures'));
    expect(FakeEventSource.last).toBeUndefined();
  });
});
