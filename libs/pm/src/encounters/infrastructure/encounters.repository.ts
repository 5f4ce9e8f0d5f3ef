import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';

import type { PmTx } from '../../pm.tx';

/** One group attendee's encounter to create. */
export interface NewGroupEncounter {
  patientId: string;
  chartId: string;
  attendanceStatus: 'present' | 'partial';
  minutesAttended: number;
}

/** The facts every encounter of one group session shares. */
export interface GroupEncounterSource {
  organizationId: string;
  groupSessionId: string;
  siteId: string;
  /** YYYY-MM-DD */
  serviceDate: string;
  renderingProviderId: string;
}

/** The `peer` encounter of one finalized peer encounter. */
export interface NewPeerEncounter {
  organizationId: string;
  peerEncounterId: string;
  patientId: string;
  chartId: string;
  siteId: string;
  /** YYYY-MM-DD */
  serviceDate: string;
  renderingProviderId: string;
  durationMinutes: number;
}

/** An encounter's id with its patient (lower-case uuid text, as PostgreSQL returns it). */
export interface EncounterOfPatient {
  id: string;
  patient_id: string;
}

/** The facts of a PM encounter a charge copies (PM's own table, read by id). */
export interface EncounterFacts {
  id: string;
  patientId: string;
  chartId: string;
  siteId: string;
  /** YYYY-MM-DD */
  serviceDate: string;
  renderingProviderId: string;
  sourceId: string;
}

/**
 * The writer of pm_encounters. Every encounter is insert-once on (organization, source type, source id, patient):
 * a replayed or re-sent source finds its encounter there and changes nothing. Runs in the caller's transaction.
 */
@Injectable()
export class EncountersRepository {
  /** One multi-row INSERT ... ON CONFLICT DO NOTHING for a session's attendees. Returns the rows actually inserted. */
  async insertGroupOnce(tx: PmTx, source: GroupEncounterSource, attendees: readonly NewGroupEncounter[]): Promise<EncounterOfPatient[]> {
    const a = attendees;
    return tx.$queryRaw<EncounterOfPatient[]>`
      INSERT INTO pm_encounters (organization_id, id, patient_id, chart_id, site_id, encounter_type, service_date,
                                 rendering_provider_id, duration_minutes, attendance_status, source_type, source_id)
      SELECT ${source.organizationId}::uuid, t.id, t.patient_id, t.chart_id, ${source.siteId}::uuid, 'group', ${source.serviceDate}::date,
             ${source.renderingProviderId}::uuid, t.minutes, t.status, 'group_session', ${source.groupSessionId}::uuid
      FROM unnest(${a.map(() => randomUUID())}::uuid[], ${a.map((x) => x.patientId)}::uuid[], ${a.map((x) => x.chartId)}::uuid[],
                  ${a.map((x) => x.minutesAttended)}::int[], ${a.map((x) => x.attendanceStatus)}::text[])
           AS t(id, patient_id, chart_id, minutes, status)
      ON CONFLICT (organization_id, source_type, source_id, patient_id) DO NOTHING
      RETURNING id, patient_id`;
  }

  /** The existing group encounters of these patients of the session. */
  async groupEncountersOf(
    tx: PmTx,
    organizationId: string,
    groupSessionId: string,
    patientIds: readonly string[],
  ): Promise<EncounterOfPatient[]> {
    if (patientIds.length === 0) return [];
    return tx.$queryRaw<EncounterOfPatient[]>`
      SELECT id, patient_id FROM pm_encounters
      WHERE organization_id = ${organizationId}::uuid AND source_type = 'group_session' AND source_id = ${groupSessionId}::uuid
        AND patient_id = ANY (${[...patientIds]}::uuid[])`;
  }

  /** INSERT ... ON CONFLICT DO NOTHING: the new encounter's id, or null when it exists already. */
  async insertPeerOnce(tx: PmTx, e: NewPeerEncounter): Promise<string | null> {
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO pm_encounters (organization_id, id, patient_id, chart_id, site_id, encounter_type, service_date,
                                 rendering_provider_id, duration_minutes, attendance_status, source_type, source_id)
      VALUES (${e.organizationId}::uuid, ${randomUUID()}::uuid, ${e.patientId}::uuid, ${e.chartId}::uuid, ${e.siteId}::uuid, 'peer',
              ${e.serviceDate}::date, ${e.renderingProviderId}::uuid, ${e.durationMinutes}, NULL, 'peer_encounter', ${e.peerEncounterId}::uuid)
      ON CONFLICT (organization_id, source_type, source_id, patient_id) DO NOTHING
      RETURNING id`;
    return inserted[0]?.id ?? null;
  }

  /** The existing `peer` encounter of a peer encounter's patient, or null. */
  async peerEncounterOf(tx: PmTx, organizationId: string, peerEncounterId: string, patientId: string): Promise<string | null> {
    const existing = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM pm_encounters WHERE organization_id = ${organizationId}::uuid AND source_type = 'peer_encounter'
        AND source_id = ${peerEncounterId}::uuid AND patient_id = ${patientId}::uuid`;
    return existing[0]?.id ?? null;
  }

  /** The facts charge capture copies from encounters, by id (absent ids are simply missing from the map). */
  async factsByIds(tx: PmTx, organizationId: string, ids: readonly string[]): Promise<Map<string, EncounterFacts>> {
    if (ids.length === 0) return new Map();
    const rows = await tx.$queryRaw<
      {
        id: string;
        patient_id: string;
        chart_id: string;
        site_id: string;
        service_date: string;
        rendering_provider_id: string;
        source_id: string;
      }[]
    >`
      SELECT id, patient_id, chart_id, site_id, service_date::text AS service_date, rendering_provider_id, source_id
      FROM pm_encounters WHERE organization_id = ${organizationId}::uuid AND id = ANY (${[...ids]}::uuid[])`;
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          patientId: r.patient_id,
          chartId: r.chart_id,
          siteId: r.site_id,
          serviceDate: r.service_date,
          renderingProviderId: r.rendering_provider_id,
          sourceId: r.source_id,
        },
      ]),
    );
  }
}
