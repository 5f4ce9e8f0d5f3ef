import { DEMO_ORG_LIST, demoStaffForScale } from './demo-catalogue';
import { demoConsentKind } from './demo-consents';
import { generatePatients, PATIENTS_PER_ORG } from './demo-patients';
import { DEMO_PEER_KINDS, demoPeers, generatePeerEncounters } from './demo-peer-encounters';
import { demoShift } from './deterministic';

const staff = demoStaffForScale('small');
const byOrg = DEMO_ORG_LIST.map((org) => {
  const patients = generatePatients({ org, staff, scale: 'small', seed: 1, from: 0, to: Math.min(PATIENTS_PER_ORG.small, 1000) });
  return { org, patients, encounters: generatePeerEncounters(org, staff, patients) };
});

describe('demo peer encounters', () => {
  it('gives every catalogue peer specialist encounters, and Sonoran every state the demo shows', () => {
    for (const { org, encounters } of byOrg) {
      for (const peer of demoPeers(org, staff)) expect(encounters.some((e) => e.peerProviderId === peer.id)).toBe(true);
    }
    expect(new Set(byOrg[0]!.encounters.map((e) => e.kind))).toEqual(new Set(DEMO_PEER_KINDS));
    expect(byOrg[0]!.org.slug).toBe('sonoran');
    expect(byOrg.flatMap((o) => demoPeers(o.org, staff).map((p) => p.email)).sort()).toEqual([
      'peer.flagstaff@sonoran.cairn.test',
      'peer@cascade.cairn.test',
      'peer@sonoran.cairn.test',
    ]);
  });

  it("uses patients on the peer's care team, Part 2 charts with and without a consent as the kind says", () => {
    for (const { patients, encounters } of byOrg) {
      for (const e of encounters) {
        const r = patients.find((p) => p.patient.id === e.patientId)!;
        expect(r.chart.id).toBe(e.chartId);
        expect(r.careTeam.some((a) => a.staffUserId === e.peerProviderId && a.role === 'peer_specialist' && a.endedOn === null)).toBe(true);
        if (e.kind === 'part2_consented') expect(r.chart.isPart2 && demoConsentKind(r.patient.id) === 'tpo').toBe(true);
        if (e.kind === 'part2_no_consent') expect(r.chart.isPart2 && demoConsentKind(r.patient.id) !== 'tpo').toBe(true);
        if (!e.kind.startsWith('part2')) expect(r.chart.isPart2).toBe(false);
      }
    }
  });

  it("finalizes with the PM encounter and the seed's event payload; drafts carry neither", () => {
    for (const { encounters } of byOrg) {
      for (const e of encounters) {
        if (e.status === 'draft') {
          expect([e.encounterId, e.event, e.finalizedAt, e.addendum]).toEqual([null, null, null, null]);
          continue;
        }
        expect(e.event!.payload).toEqual({
          organization_id: e.organizationId,
          peer_encounter_id: e.id,
          chart_id: e.chartId,
          encounter_id: e.encounterId,
          peer_provider_id: e.peerProviderId,
          service_date: e.serviceDate,
          hcpcs_code: e.hcpcsCode,
          duration_minutes: e.durationMinutes,
        });
        expect(e.addendum !== null).toBe(e.kind === 'finalized_with_addendum');
      }
    }
  });

  it('is deterministic', () => {
    const { org, patients } = byOrg[0]!;
    expect(generatePeerEncounters(org, staff, patients)).toEqual(generatePeerEncounters(org, staff, patients));
  });
});

describe('demo peer encounters anchored on the demo day', () => {
  it('move by whole weeks with today (ids, patients and events kept), all held and finalized before today', () => {
    const today = '2026-12-05';
    for (const { org, patients, encounters } of byOrg) {
      const later = generatePeerEncounters(org, staff, patients, demoShift(today).days);
      expect(later.map((e) => [e.id, e.patientId, e.kind])).toEqual(encounters.map((e) => [e.id, e.patientId, e.kind]));
      for (const e of later) {
        expect(e.serviceDate < today && e.serviceDate > '2026-10-31').toBe(true);
        if (e.finalizedAt) expect(e.finalizedAt.slice(0, 10)).toBe(e.serviceDate);
        if (e.event) expect(e.event.payload).toMatchObject({ service_date: e.serviceDate });
      }
    }
  });
});
