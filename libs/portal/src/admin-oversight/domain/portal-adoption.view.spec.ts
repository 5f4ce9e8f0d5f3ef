import { toPortalAdoptionView } from './portal-adoption.view';

const bucket = (metricKey: string, day: string, value: number, breakdown?: Record<string, number>) => ({
  metricKey,
  siteId: null,
  providerId: null,
  day,
  value,
  ...(breakdown ? { breakdown } : {}),
});

describe('toPortalAdoptionView', () => {
  it('fills every day, sums features over the period, lists every feature, takes adoption and weekly as of the end', () => {
    const view = toPortalAdoptionView(
      '2026-01-01',
      '2026-01-03',
      [
        bucket('engagement.active-clients', '2026-01-01', 3),
        bucket('engagement.active-clients', '2026-01-03', 1),
        bucket('engagement.portal-activity', '2026-01-01', 5, { mood: 3, audio: 2 }),
        bucket('engagement.portal-activity', '2026-01-03', 1, { mood: 1 }),
        bucket('engagement.active-clients-7d', '2026-01-03', 4),
        bucket('engagement.portal-adoption', '2026-01-03', 0.25, { accounts: 5, activePatients: 20 }),
      ],
      20,
    );
    expect(view).toEqual({
      from: '2026-01-01',
      to: '2026-01-03',
      adoption: { rate: 0.25, accounts: 5, activePatients: 20 },
      dailyActiveClients: [
        { day: '2026-01-01', clients: 3 },
        { day: '2026-01-02', clients: 0 },
        { day: '2026-01-03', clients: 1 },
      ],
      weeklyActiveClients: 4,
      engagementByFeature: [
        { feature: 'mood', actions: 4 },
        { feature: 'journal', actions: 0 },
        { feature: 'check-ins', actions: 0 },
        { feature: 'homework', actions: 0 },
        { feature: 'goals', actions: 0 },
        { feature: 'crisis-toolkit', actions: 0 },
        { feature: 'audio', actions: 2 },
      ],
      totalActions: 6,
    });
  });

  it('no account yet: rate 0 of the active patients; no active patient: no rate', () => {
    expect(toPortalAdoptionView('2026-01-01', '2026-01-01', [], 12).adoption).toEqual({ rate: 0, accounts: 0, activePatients: 12 });
    expect(toPortalAdoptionView('2026-01-01', '2026-01-01', [], 0).adoption).toEqual({ rate: null, accounts: 0, activePatients: 0 });
  });
});
