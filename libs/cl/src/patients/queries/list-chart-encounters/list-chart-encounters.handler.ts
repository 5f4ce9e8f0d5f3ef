import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { CheckSudConsentQuery } from '@cairn/platform/clinical';
import { EncounterPage, EncounterView, ListPatientEncountersQuery } from '@cairn/platform/scheduling';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { PART2_NOTICE } from '../../../consents/domain/part2-notice.constants';
import type { ChartEncounterPage, ChartEncounterView } from '../../domain/chart-encounter.view';
import { groupFactsOfSessions, type GroupFacts } from '../../infrastructure/chart-group-facts.repository';
import { ListChartEncountersQuery } from './list-chart-encounters.query';

/**
 * The chart's encounter list. CL checks the patient is in the caller's scope (row-level security on cl_patients),
 * asks PM for the encounters (ListPatientEncountersQuery: CL never reads PM's tables), and adds what the clinical
 * record knows of each group session. On a Part 2 chart, a group encounter of an SUD-program group is a Part 2
 * record: it is shown only when cl_check_sud_consent lets the caller see group encounters of the chart; otherwise
 * it is counted as withheld and not described. Audited, with the Part 2 flags.
 */
@QueryHandler(ListChartEncountersQuery)
@TenantUseCase(ListChartEncountersQuery, {
  audit: { action: 'patient.encounters.read', resource: 'patient', id: (q) => q.patientId, patient: (q) => q.patientId },
})
export class ListChartEncountersHandler implements ClUseCaseHandler<ListChartEncountersQuery, ChartEncounterPage | null> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ patientId, filter }: ListChartEncountersQuery, { ctx, tx, audit }: ClUseCase): Promise<ChartEncounterPage | null> {
    const patient = await tx.patient.findUnique({
      where: { organizationId_id: { organizationId: ctx.organizationId, id: patientId } },
      select: { id: true, chart: { select: { id: true, isPart2: true } } },
    });
    if (!patient) return null;
    // Joins this transaction (a use case called through the bus), so PM's rows are read under the same context and snapshot.
    const page: EncounterPage = await this.queries.execute(new ListPatientEncountersQuery({ patientId, ...filter }));
    const sessionIds = [...new Set(page.items.filter((e) => e.sourceType === 'group_session').map((e) => e.sourceId))];
    const facts = await groupFactsOfSessions(tx, ctx.organizationId, sessionIds);

    const chart = patient.chart;
    // Part 2 records among a Part 2 chart's encounters: an SUD-program group's (record type group_encounter) and
    // every peer encounter (CL-19, record type peer_encounter). Each kind is asked once per page.
    const isProtected = (e: EncounterView) => e.sourceType === 'group_session' && facts.get(e.sourceId)?.sudProgram !== false;
    const isPeer = (e: EncounterView) => e.sourceType === 'peer_encounter';
    let consent: { allowed: boolean; reason: string } = { allowed: true, reason: 'not_part2' };
    let peerConsent: { allowed: boolean; reason: string } = { allowed: true, reason: 'not_part2' };
    if (chart?.isPart2 && page.items.some(isProtected)) {
      // The shared check (cl_check_sud_consent behind it), audited as such, with the reason a denial has.
      const decision = await this.queries.execute(new CheckSudConsentQuery(patientId, 'group_encounter'));
      consent = { allowed: decision.allowed, reason: decision.reason };
    }
    if (chart?.isPart2 && page.items.some(isPeer)) {
      const decision = await this.queries.execute(new CheckSudConsentQuery(patientId, 'peer_encounter'));
      peerConsent = { allowed: decision.allowed, reason: decision.reason };
    }
    const isPart2Record = (e: EncounterView) => isProtected(e) || (chart?.isPart2 === true && isPeer(e));
    const denied = (e: EncounterView) =>
      (isProtected(e) && !consent.allowed) || (chart?.isPart2 === true && isPeer(e) && !peerConsent.allowed);
    const shown = page.items.filter((e) => !denied(e));
    const withheld = page.items.length - shown.length;
    const part2Shown = chart?.isPart2 === true && shown.some(isPart2Record);
    const withheldReason = !consent.allowed && page.items.some(isProtected) ? consent.reason : peerConsent.reason;
    audit.scope({
      shown: shown.length,
      ...(withheld > 0 ? { withheld, part2Denied: true } : {}),
      ...(chart?.isPart2 ? { part2: true, part2NoticeApplies: part2Shown } : {}),
    });
    return {
      items: shown.map((e) => toChartEncounter(e, facts.get(e.sourceId))),
      page: page.page,
      pageSize: page.pageSize,
      total: page.total,
      withheld,
      withheldReason: withheld > 0 ? withheldReason : null,
      part2Notice: part2Shown ? PART2_NOTICE : null,
    };
  }

  /** The group behind each session (CL's own tables), for the encounters of this page. */
}

function toChartEncounter(e: EncounterView, facts: GroupFacts | undefined): ChartEncounterView {
  return {
    id: e.id,
    encounterType: e.encounterType,
    serviceDate: e.serviceDate,
    siteId: e.siteId,
    renderingProviderId: e.renderingProviderId,
    durationMinutes: e.durationMinutes,
    sourceType: e.sourceType,
    sourceId: e.sourceId,
    groupSession:
      e.sourceType === 'group_session'
        ? {
            sessionId: e.sourceId,
            attendanceStatus: e.attendanceStatus ?? 'present',
            minutesAttended: e.durationMinutes,
            groupId: facts?.groupId ?? null,
            groupName: facts?.groupName ?? null,
            groupType: facts?.groupType ?? null,
            sudProgram: facts?.sudProgram ?? null,
            startTime: facts?.startTime ?? null,
            endTime: facts?.endTime ?? null,
          }
        : null,
  };
}
