import type { PeerEncounterFinalizedV1 } from '@cairn/platform/clinical';

import type { DemoOrg, DemoStaff } from './demo-catalogue';
import { demoConsentKind } from './demo-consents';
import type { DemoPatientRecord } from './demo-patients';
import { addDays, stableUuid } from './deterministic';

/**
 * CL-19 demo peer encounters: for each of the catalogue's peer specialists (not the generated ones), a handful of
 * encounters with patients on their care team, one per state the demo shows:
 * - `draft`: documented, not finalized;
 * - `finalized_with_addendum`: finalized (H0038) and corrected by an addendum, charged `ready`;
 * - `finalized_h2017`: finalized with H2017, which Sonoran's fee schedule lacks (its charge goes on hold);
 * - `part2_consented`: finalized on a Part 2 chart whose TPO consent covers peer encounters for the peer;
 * - `part2_no_consent`: a draft on a Part 2 chart no consent covers for the peer (none, revoked, expired, or billing
 *   only): it exists, but the peer does not see it (row-level security).
 * A kind is left out when the organization has no patient for it at the scale (small Cascade: no consented chart).
 * Finalized ones come with what FinalizePeerEncounterHandler writes in its transaction: the PM `peer` encounter and
 * the `peer_encounter_finalized.v1` outbox row, so `npm start`'s worker charges them through the real pipeline.
 * Deterministic given the patients; the same at every run.
 */

/** The event type, spelled as in @cairn/platform/messaging (a type-only import keeps Nest out of the seed). */
export const DEMO_PEER_EVENT_TYPE = 'peer_encounter_finalized.v1';

export const DEMO_PEER_KINDS = ['draft', 'finalized_with_addendum', 'finalized_h2017', 'part2_consented', 'part2_no_consent'] as const;
export type DemoPeerKind = (typeof DEMO_PEER_KINDS)[number];

export interface DemoPeerEncounter {
  kind: DemoPeerKind;
  organizationId: string;
  id: string;
  siteId: string;
  patientId: string;
  chartId: string;
  peerProviderId: string;
  serviceDate: string;
  startTime: string;
  endTime: string;
  durationMinutes: number;
  serviceType: 'peer_support' | 'recovery_coaching' | 'crisis_peer';
  hcpcsCode: 'H0038' | 'H2017';
  /** Per 15 minutes; the durations are chosen so Arizona's midpoint rule and the CMS 8-minute rule agree. */
  units: number;
  focusNotes: string;
  status: 'draft' | 'finalized';
  finalizedAt: string | null;
  /** The PM encounter (finalized only). */
  encounterId: string | null;
  addendum: { id: string; body: string; createdAt: string } | null;
  event: { id: string; payload: PeerEncounterFinalizedV1 } | null;
}

interface Plan {
  kind: DemoPeerKind;
  part2: 'no' | 'consented' | 'unconsented';
  serviceDate: string;
  startTime: string;
  endTime: string;
  minutes: number;
  units: number;
  serviceType: DemoPeerEncounter['serviceType'];
  hcpcsCode: DemoPeerEncounter['hcpcsCode'];
  focusNotes: string;
  finalized: boolean;
}

const PLANS: readonly Plan[] = [
  {
    kind: 'draft',
    part2: 'no',
    serviceDate: '2025-12-18',
    startTime: '10:00',
    endTime: '10:45',
    minutes: 45,
    units: 3,
    serviceType: 'peer_support',
    hcpcsCode: 'H0038',
    focusNotes: 'Talked through the week; set one goal for the support meeting. Draft: to finish after the follow-up call.',
    finalized: false,
  },
  {
    kind: 'finalized_with_addendum',
    part2: 'no',
    serviceDate: '2025-12-09',
    startTime: '09:00',
    endTime: '09:53',
    minutes: 53,
    units: 4,
    serviceType: 'recovery_coaching',
    hcpcsCode: 'H0038',
    focusNotes: 'Recovery planning: identified two people to call when cravings rise; practised the call together.',
    finalized: true,
  },
  {
    kind: 'finalized_h2017',
    part2: 'no',
    serviceDate: '2025-12-11',
    startTime: '13:00',
    endTime: '13:30',
    minutes: 30,
    units: 2,
    serviceType: 'peer_support',
    hcpcsCode: 'H2017',
    focusNotes: 'Community skills: walked the bus route to the clinic and the food bank.',
    finalized: true,
  },
  {
    kind: 'part2_consented',
    part2: 'consented',
    serviceDate: '2025-12-10',
    startTime: '15:00',
    endTime: '15:53',
    minutes: 53,
    units: 4,
    serviceType: 'crisis_peer',
    hcpcsCode: 'H0038',
    focusNotes: 'Met after a difficult weekend; reviewed the safety plan and the program schedule.',
    finalized: true,
  },
  {
    kind: 'part2_no_consent',
    part2: 'unconsented',
    serviceDate: '2025-12-12',
    startTime: '11:00',
    endTime: '11:30',
    minutes: 30,
    units: 2,
    serviceType: 'peer_support',
    hcpcsCode: 'H0038',
    focusNotes: 'Introductory meeting; explained peer support and what it is not.',
    finalized: false,
  },
];

const ADDENDUM = 'Correction: the second support person is a sponsor, not a family member.';

/** The catalogue's peer specialists of an organization (generated ones, peer.<n>@, are left out). */
export function demoPeers(org: DemoOrg, staff: readonly DemoStaff[]): DemoStaff[] {
  return staff.filter((p) => !/^peer\.\d+@/.test(p.email) && p.bindings.some((b) => b.org === org.slug && b.role === 'peer_specialist'));
}

function peerSiteIds(org: DemoOrg, peer: DemoStaff): Set<string> {
  const codes = peer.bindings
    .filter((b) => b.org === org.slug && b.role === 'peer_specialist')
    .flatMap((b) => b.sites ?? org.sites.map((s) => s.code));
  return new Set(org.sites.filter((s) => codes.includes(s.code)).map((s) => s.id));
}

export function generatePeerEncounters(
  org: DemoOrg,
  staff: readonly DemoStaff[],
  patients: readonly DemoPatientRecord[],
  /** Whole weeks to move the service dates by (demoShift(today).days; 0: the December 2025 dates of PLANS). */
  shiftDays = 0,
): DemoPeerEncounter[] {
  const out: DemoPeerEncounter[] = [];
  const taken = new Set<string>();
  for (const peer of demoPeers(org, staff)) {
    const sites = peerSiteIds(org, peer);
    // Patients the peer sees today: on their care team (open assignment), at a site of theirs, chart open.
    const mine = patients.filter(
      (r) =>
        sites.has(r.patient.siteId) &&
        r.chart.status === 'open' &&
        r.careTeam.some(
          (a) => a.staffUserId === peer.id && a.role === 'peer_specialist' && a.endedOn === null && a.startedOn <= '2025-12-01',
        ),
    );
    for (const plan of PLANS) {
      const match = mine.find(
        (r) =>
          !taken.has(r.patient.id) &&
          (plan.part2 === 'no'
            ? !r.chart.isPart2
            : r.chart.isPart2 &&
              (plan.part2 === 'consented' ? demoConsentKind(r.patient.id) === 'tpo' : demoConsentKind(r.patient.id) !== 'tpo')),
      );
      if (!match) continue;
      taken.add(match.patient.id);
      const id = stableUuid('demo-peer-encounter', org.slug, peer.email, plan.kind);
      const serviceDate = addDays(plan.serviceDate, shiftDays);
      const finalizedAt = plan.finalized ? `${serviceDate}T23:30:00Z` : null;
      const encounterId = plan.finalized ? stableUuid('demo-peer-pm-encounter', id) : null;
      out.push({
        kind: plan.kind,
        organizationId: org.id,
        id,
        siteId: match.patient.siteId,
        patientId: match.patient.id,
        chartId: match.chart.id,
        peerProviderId: peer.id,
        serviceDate,
        startTime: plan.startTime,
        endTime: plan.endTime,
        durationMinutes: plan.minutes,
        serviceType: plan.serviceType,
        hcpcsCode: plan.hcpcsCode,
        units: plan.units,
        focusNotes: plan.focusNotes,
        status: plan.finalized ? 'finalized' : 'draft',
        finalizedAt,
        encounterId,
        addendum:
          plan.kind === 'finalized_with_addendum'
            ? { id: stableUuid('demo-peer-addendum', id), body: ADDENDUM, createdAt: `${serviceDate}T23:45:00Z` }
            : null,
        event: plan.finalized
          ? {
              id: stableUuid('demo-peer-event', id),
              payload: {
                organization_id: org.id,
                peer_encounter_id: id,
                chart_id: match.chart.id,
                encounter_id: encounterId,
                peer_provider_id: peer.id,
                service_date: serviceDate,
                hcpcs_code: plan.hcpcsCode,
                duration_minutes: plan.minutes,
              },
            }
          : null,
      });
    }
  }
  return out;
}
