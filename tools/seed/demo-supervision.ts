import { DEMO_ORGS, demoStaff, type OrgSlug } from './demo-catalogue';
import { addMonths, intBetween, rngFor, stableUuid, weightedPick } from './deterministic';

/**
 * Peer supervision (CL-19) of the demo data: each demo peer specialist is supervised by a supervisor of their
 * organization one to three times a month through 2025, in the modalities a program uses (mostly individual), with
 * one or two months without any supervision, so the hours report shows numbers and gaps. Fixed: the same at every
 * scale and seed (a function of the pairs below only), recorded by the supervisor the same day.
 */

/** Supervision months (before the demo REFERENCE_DATE). */
export const DEMO_SUPERVISION_MONTHS = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`);

/** Who supervises whom, and the months each peer went without supervision. */
export const DEMO_SUPERVISION_PAIRS: readonly { org: OrgSlug; peer: string; supervisor: string; gapMonths: readonly string[] }[] = [
  { org: 'sonoran', peer: 'peer@sonoran.cairn.test', supervisor: 'supervisor@sonoran.cairn.test', gapMonths: ['2025-07'] },
  {
    org: 'sonoran',
    peer: 'peer.flagstaff@sonoran.cairn.test',
    supervisor: 'supervisor.north@sonoran.cairn.test',
    gapMonths: ['2025-04', '2025-10'],
  },
  { org: 'cascade', peer: 'peer@cascade.cairn.test', supervisor: 'supervisor@cascade.cairn.test', gapMonths: ['2025-09'] },
];

export interface DemoSupervision {
  organizationId: string;
  id: string;
  peerProviderId: string;
  supervisorId: string;
  supervisionDate: string;
  durationMinutes: number;
  modality: 'individual' | 'group' | 'telehealth' | 'phone';
  notes: string;
  createdBy: string;
  createdAt: string;
}

const MODALITY_WEIGHTS = [
  ['individual', 55],
  ['group', 20],
  ['telehealth', 15],
  ['phone', 10],
] as const;
const DURATIONS = [30, 45, 60, 60, 60, 90] as const;
const TOPICS = [
  'Reviewed boundaries in peer relationships and self-disclosure with purpose.',
  'Discussed self-care and vicarious trauma; updated the wellness plan.',
  'Role-played a recovery planning conversation; feedback on motivational language.',
  'Reviewed documentation timeliness and service notes from the last two weeks.',
  'Talked through a difficult community referral and when to involve the clinical team.',
  'Ethics refresher: dual relationships in a small community.',
];

export function generateSupervision(
  /** Whole months to move the records by (demoShift(today).months; 0: the twelve months of 2025). */
  shiftMonths = 0,
): DemoSupervision[] {
  const out: DemoSupervision[] = [];
  for (const pair of DEMO_SUPERVISION_PAIRS) {
    const organizationId = DEMO_ORGS[pair.org].id;
    const peer = demoStaff(pair.peer).id;
    const supervisor = demoStaff(pair.supervisor).id;
    for (const planned of DEMO_SUPERVISION_MONTHS) {
      if (pair.gapMonths.includes(planned)) continue;
      const rng = rngFor('demo-supervision', pair.peer, planned);
      const month = addMonths(planned, shiftMonths);
      const sessions = intBetween(rng, 1, 3);
      // Distinct days, in order: one session per day.
      const days = new Set<number>();
      while (days.size < sessions) days.add(intBetween(rng, 1, 28));
      for (const day of [...days].sort((a, b) => a - b)) {
        const date = `${month}-${String(day).padStart(2, '0')}`;
        const modality = weightedPick(rng, MODALITY_WEIGHTS);
        out.push({
          organizationId,
          // The id names the planned date, so a seed on another day finds the same record (ON CONFLICT DO NOTHING).
          id: stableUuid('demo-supervision', pair.peer, `${planned}-${String(day).padStart(2, '0')}`),
          peerProviderId: peer,
          supervisorId: supervisor,
          supervisionDate: date,
          durationMinutes: DURATIONS[intBetween(rng, 0, DURATIONS.length - 1)]!,
          modality,
          notes: TOPICS[intBetween(rng, 0, TOPICS.length - 1)]!,
          createdBy: supervisor,
          createdAt: `${date}T23:30:00Z`,
        });
      }
    }
  }
  return out;
}
