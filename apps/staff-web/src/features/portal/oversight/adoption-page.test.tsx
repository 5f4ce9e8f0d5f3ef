import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { expectOnlyTheRefusal } from '../../../shared/refused-page.testing';
import { json, problem, renderPortalPage } from '../testing/portal-fixture';
import { AdoptionPage, adoptionWords, dailySummary } from './adoption-page';

const ADOPTION = {
  from: '2026-11-01',
  to: '2026-11-03',
  adoption: { rate: 0.42, accounts: 21, activePatients: 50 },
  dailyActiveClients: [
    { day: '2026-11-01', clients: 2 },
    { day: '2026-11-02', clients: 7 },
    { day: '2026-11-03', clients: 3 },
  ],
  weeklyActiveClients: 9,
  engagementByFeature: [
    { feature: 'journal', actions: 4 },
    { feature: 'mood', actions: 12 },
  ],
  totalActions: 16,
};

afterEach(() => vi.unstubAllGlobals());

describe('AdoptionPage', () => {
  it('shows the figures with text alternatives for both charts', async () => {
    const { calls } = renderPortalPage(<AdoptionPage />, () => json(ADOPTION), { path: '/portal/adoption?from=2026-11-01&to=2026-11-03' });
    expect(await screen.findByText('42% of active patients (21 of 50) have an active portal account.')).toBeTruthy();
    expect(
      screen.getByText(/On average 4.0 clients a day used the portal; the busiest day was 2 Nov with 7; on the last day, 3 Nov, 3\./),
    ).toBeTruthy();
    const byFeature = screen.getByRole('region', { name: 'Client actions by feature' });
    const rows = within(byFeature)
      .getAllByRole('row')
      .slice(1)
      .map((r) => r.textContent);
    expect(rows).toEqual(['Mood check-ins12', 'Journal4']);
    const daily = screen.getByRole('region', { name: 'Clients per day' });
    expect(within(daily).getAllByRole('row')).toHaveLength(4);
    for (const drawing of document.querySelectorAll('.portal-chart-drawing')) expect(drawing.getAttribute('aria-hidden')).toBe('true');
    const q = calls.find((c) => c.path === '/api/v1/admin/portal/adoption')?.query;
    expect([q?.get('from'), q?.get('to')]).toEqual(['2026-11-01', '2026-11-03']);
  });

  it('puts a refused period under its field in words', async () => {
    renderPortalPage(
      <AdoptionPage />,
      () => problem(400, 'to must not be before from', [{ field: 'to', message: 'to must not be before from' }]),
      { path: '/portal/adoption?from=2026-11-05&to=2026-11-01' },
    );
    const user = userEvent.setup();
    const message = await screen.findByText(/must not be before from/);
    expect(message.closest('.field')?.querySelector('label')?.textContent).toBe('To');
    expect(screen.getByLabelText('To').getAttribute('aria-invalid')).toBe('true');
    await user.clear(screen.getByLabelText('To'));
  });

  it('says a period without patients or activity in words', () => {
    expect(adoptionWords({ rate: null, accounts: 0, activePatients: 0 })).toBe('No active patients yet, so there is no adoption rate.');
    expect(dailySummary([{ day: '2026-11-01', clients: 0 }])).toBe('No client used the portal in this period.');
    expect(
      dailySummary([
        { day: '2026-11-01', clients: 1 },
        { day: '2026-11-02', clients: 3 },
      ]),
    ).toBe('On average 2.0 clients a day used the portal; the busiest day was the last, 2 Nov, with 3.');
  });

  it('shows only its title and the refusal without portal.admin', async () => {
    await expectOnlyTheRefusal(<AdoptionPage />, '/portal/adoption', 'Portal adoption');
  });
});
