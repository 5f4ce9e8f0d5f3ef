import { isoDate } from '@cairn/platform/kernel';

import { EDIT_WINDOW_DAYS, hoursOf, type SupervisionModality } from './peer-supervision.rules';

/** A supervision record as lists show it: no notes (read one record for them). */
export interface PeerSupervisionSummaryView {
  id: string;
  organizationId: string;
  peerProviderId: string;
  supervisorId: string;
  supervisionDate: string;
  durationMinutes: number;
  hours: number;
  modality: SupervisionModality;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  /** Until when its recorder may correct it (ISO instant). */
  editableUntil: string;
}

export interface PeerSupervisionView extends PeerSupervisionSummaryView {
  notes: string;
}

export interface PeerSupervisionRow {
  organizationId: string;
  id: string;
  peerProviderId: string;
  supervisorId: string;
  supervisionDate: Date;
  durationMinutes: number;
  modality: string;
  notes: string;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export function toPeerSupervisionSummary(r: PeerSupervisionRow): PeerSupervisionSummaryView {
  return {
    id: r.id,
    organizationId: r.organizationId,
    peerProviderId: r.peerProviderId,
    supervisorId: r.supervisorId,
    supervisionDate: isoDate(r.supervisionDate),
    durationMinutes: r.durationMinutes,
    hours: hoursOf(r.durationMinutes),
    modality: r.modality as SupervisionModality,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    editableUntil: new Date(r.createdAt.getTime() + EDIT_WINDOW_DAYS * 86_400_000).toISOString(),
  };
}

export function toPeerSupervisionView(r: PeerSupervisionRow): PeerSupervisionView {
  return { ...toPeerSupervisionSummary(r), notes: r.notes };
}
