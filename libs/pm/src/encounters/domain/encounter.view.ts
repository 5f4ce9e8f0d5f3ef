import type { EncounterSourceType, EncounterType, EncounterView } from '@cairn/platform/scheduling';

import type { PmRow } from '../../pm.tx';

type Encounter = PmRow<'encounter'>;

export function toEncounterView(e: Encounter): EncounterView {
  return {
    id: e.id,
    patientId: e.patientId,
    chartId: e.chartId,
    siteId: e.siteId,
    encounterType: e.encounterType as EncounterType,
    serviceDate: e.serviceDate.toISOString().slice(0, 10),
    renderingProviderId: e.renderingProviderId,
    durationMinutes: e.durationMinutes,
    attendanceStatus: e.attendanceStatus === 'present' || e.attendanceStatus === 'partial' ? e.attendanceStatus : null,
    sourceType: e.sourceType as EncounterSourceType,
    sourceId: e.sourceId,
    createdAt: e.createdAt.toISOString(),
  };
}
