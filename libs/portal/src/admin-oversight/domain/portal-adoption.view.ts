import type { SignalBucket } from '@cairn/platform/performance-signals';

/** The portal features whose use counts as engagement (po_client_events), in the order the view lists them. */
export const ENGAGEMENT_FEATURES = ['mood', 'journal', 'check-ins', 'homework', 'goals', 'crisis-toolkit', 'audio'] as const;

/** The longest period the admins' adoption view covers in one request. */
export const MAX_ADOPTION_DAYS = 366;

/** The admins' portal oversight figures (seed §3.A) over [from, to]; organization-wide, no patient named. */
export interface PortalAdoptionView {
  from: string;
  to: string;
  adoption: {
    /** Active accounts of active patients / active patients (CL, now); null when there is no active patient. */
    rate: number | null;
    accounts: number;
    activePatients: number;
  };
  /** Distinct clients active each day of the period (a day without activity is 0). */
  dailyActiveClients: Array<{ day: string; clients: number }>;
  /** Distinct clients active in the 7 days ending `to`. */
  weeklyActiveClients: number;
  /** Client actions in the period, by feature (every feature listed, 0 when unused). */
  engagementByFeature: Array<{ feature: string; actions: number }>;
  totalActions: number;
}

function* days(from: string, to: string): Generator<string> {
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000)
    yield new Date(t).toISOString().slice(0, 10);
}

/** Composes the view from the portal's engagement buckets of the same period. */
export function toPortalAdoptionView(from: string, to: string, buckets: SignalBucket[], activePatients: number): PortalAdoptionView {
  const of = (key: string) => buckets.filter((b) => b.metricKey === key);
  const adoption = of('engagement.portal-adoption')[0];
  const accounts = adoption?.breakdown?.['accounts'] ?? 0;
  const daily = new Map(of('engagement.active-clients').map((b) => [b.day, b.value]));
  const byFeature = new Map<string, number>(ENGAGEMENT_FEATURES.map((f) => [f, 0]));
  for (const b of of('engagement.portal-activity'))
    for (const [feature, n] of Object.entries(b.breakdown ?? {})) byFeature.set(feature, (byFeature.get(feature) ?? 0) + n);
  const engagementByFeature = [...byFeature].map(([feature, actions]) => ({ feature, actions }));
  return {
    from,
    to,
    adoption: { rate: activePatients > 0 ? (adoption?.value ?? 0) : null, accounts, activePatients },
    dailyActiveClients: [...days(from, to)].map((day) => ({ day, clients: daily.get(day) ?? 0 })),
    weeklyActiveClients: of('engagement.active-clients-7d')[0]?.value ?? 0,
    engagementByFeature,
    totalActions: engagementByFeature.reduce((s, f) => s + f.actions, 0),
  };
}
