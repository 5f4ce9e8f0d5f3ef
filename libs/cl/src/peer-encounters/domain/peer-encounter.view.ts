import { isoDate } from '@cairn/platform/kernel';

import type { ClRow } from '../../cl.tx';
import { PART2_NOTICE } from '../../consents/domain/part2-notice.constants';

type PeerEncounter = ClRow<'peerEncounter'>;
type PeerEncounterAddendum = ClRow<'peerEncounterAddendum'>;

export interface PeerEncounterAddendumView {
  id: string;
  authorId: string;
  body: string;
  createdAt: string;
}

export interface PeerEncounterView {
  id: string;
  organizationId: string;
  siteId: string;
  patientId: string;
  chartId: string;
  /** The PM encounter created when it was finalized; null for a draft. */
  encounterId: string | null;
  peerProviderId: string;
  serviceDate: string;
  startTime: string;
  endTime: string;
  durationMinutes: number;
  serviceType: string;
  serviceTypeSource: 'pf15' | 'organization';
  hcpcsCode: string;
  unitBasis: string;
  units: number;
  focusNotes: string;
  status: 'draft' | 'finalized';
  finalizedAt: string | null;
  finalizedBy: string | null;
  addenda: PeerEncounterAddendumView[];
  /** The 42 CFR §2.32 notice when the encounter belongs to a Part 2 chart. */
  part2Notice: string | null;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
}

export type PeerEncounterRow = PeerEncounter & { addenda: PeerEncounterAddendum[]; patient: { chart: { isPart2: boolean } | null } };

export const PEER_ENCOUNTER_INCLUDE = { addenda: true, patient: { select: { chart: { select: { isPart2: true } } } } } as const;

export const isPart2PeerEncounter = (e: PeerEncounterRow): boolean => e.patient.chart?.isPart2 === true;

/** Audit scope entries of a read or write of a Part 2 peer encounter (§2.32: the notice applied). */
export const peerPart2Scope = (e: PeerEncounterRow) => (isPart2PeerEncounter(e) ? { part2: true, part2NoticeApplies: true } : {});

export function toPeerEncounterView(e: PeerEncounterRow): PeerEncounterView {
  return {
    id: e.id,
    organizationId: e.organizationId,
    siteId: e.siteId,
    patientId: e.patientId,
    chartId: e.chartId,
    encounterId: e.encounterId,
    peerProviderId: e.peerProviderId,
    serviceDate: isoDate(e.serviceDate),
    startTime: e.startTime,
    endTime: e.endTime,
    durationMinutes: e.durationMinutes,
    serviceType: e.serviceType,
    serviceTypeSource: e.serviceTypeSource as 'pf15' | 'organization',
    hcpcsCode: e.hcpcsCode,
    unitBasis: e.unitBasis,
    units: e.units,
    focusNotes: e.focusNotes,
    status: e.status as 'draft' | 'finalized',
    finalizedAt: e.finalizedAt ? e.finalizedAt.toISOString() : null,
    finalizedBy: e.finalizedBy,
    addenda: e.addenda
      .map((a) => ({ id: a.id, authorId: a.authorId, body: a.body, createdAt: a.createdAt.toISOString() }))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)),
    part2Notice: isPart2PeerEncounter(e) ? PART2_NOTICE : null,
    createdAt: e.createdAt.toISOString(),
    createdBy: e.createdBy,
    updatedAt: e.updatedAt.toISOString(),
  };
}
