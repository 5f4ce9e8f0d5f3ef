import { Injectable } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';

import { AuditService } from '@cairn/platform/audit';
import { ValidateCodeQuery } from '@cairn/platform/code-library';
import { GetJurisdictionProfileQuery } from '@cairn/platform/jurisdiction';
import { idKey } from '@cairn/platform/kernel';
import type { IntegrationEvent } from '@cairn/platform/messaging';
import { CreateGroupEncountersCommand } from '@cairn/platform/scheduling';

import type { ClTx } from '../../cl.tx';
import { planGenerations, proposeForSession } from '../domain/group-encounter.rules';
import { GroupEncounterGenerationRepository, NewGenerationRow } from '../infrastructure/group-encounter-generation.repository';

/**
 * CL-14-EN-01, for `cl_group_session_documented.v1` (dispatched by the `encounter-generation` processor, which runs it
 * in the event's transaction as the system for the event's organization): a documented group session becomes one PM encounter per
 * present/partial attendee (CreateGroupEncountersCommand, handled by PM in this same transaction) and one
 * cl_group_encounter_generations row per rostered attendee, pending review, with the code the jurisdiction
 * profile proposes. Replays are harmless twice over: the consumer base skips an event id it has processed, and
 * a re-published event (new id) finds PM's encounters and the generations already there (insert-once).
 * One command, one profile lookup, one code validation and one multi-row INSERT per session, whatever its size.
 */
@Injectable()
export class GenerateEncountersWhenGroupSessionDocumentedHandler {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly audit: AuditService,
    private readonly generations: GroupEncounterGenerationRepository,
  ) {}

  async handle(event: IntegrationEvent<'cl_group_session_documented.v1'>, tx: ClTx): Promise<void> {
    const s = event.payload;
    const { profile } = await this.queries.execute(new GetJurisdictionProfileQuery({ siteId: s.site_id }));
    const proposal = proposeForSession(profile, s);
    const validity = proposal ? await this.queries.execute(new ValidateCodeQuery(proposal.code, s.session_date, proposal.system)) : null;
    const planned = planGenerations(s, profile, { proposal, validity });

    const attending = planned.filter((p) => p.attendanceStatus !== 'absent');
    const encounterOf = new Map<string, string>();
    if (attending.length > 0) {
      const { encounters } = await this.commands.execute(
        new CreateGroupEncountersCommand({
          groupSessionId: s.session_id,
          siteId: s.site_id,
          serviceDate: s.session_date,
          renderingProviderId: s.facilitator_id,
          attendees: attending.map((p) => ({
            patientId: p.patientId,
            chartId: p.chartId,
            attendanceStatus: p.attendanceStatus as 'present' | 'partial',
            minutesAttended: p.minutesAttended,
          })),
        }),
      );
      for (const e of encounters) encounterOf.set(idKey(e.patientId), e.encounterId);
    }

    const rows = planned.map((p): NewGenerationRow => ({
      patient_id: p.patientId,
      chart_id: p.chartId,
      encounter_id: p.attendanceStatus === 'absent' ? null : (encounterOf.get(idKey(p.patientId)) ?? null),
      attendance_status: p.attendanceStatus,
      minutes_attended: p.minutesAttended,
      status: p.status,
      proposed_code_system: p.proposedCodeSystem,
      proposed_cpt_code: p.proposedCptCode,
      proposed_modifiers: p.proposedModifiers,
      billable: p.billable,
      not_billable_reason: p.notBillableReason,
      not_billable_detail: p.notBillableDetail,
    }));
    // One statement for the whole session; a replay inserts nothing and changes nothing (the seed's rule).
    const inserted = await this.generations.insertOnce(
      tx,
      {
        organizationId: event.organizationId,
        sessionId: s.session_id,
        groupId: s.group_id,
        siteId: s.site_id,
        sessionDate: s.session_date,
        groupType: s.group_type,
        modality: s.modality,
        facilitatorId: s.facilitator_id,
        sudProgram: s.sud_program,
      },
      rows,
    );
    if (inserted.length > 0) {
      // One audit row per session, ids and counts only (the rows themselves name the patients).
      await this.audit.record({
        action: 'group-encounter-generation.create',
        resourceType: 'group_session',
        resourceId: s.session_id,
        outcome: 'success',
        actorType: 'system',
        scope: {
          eventId: event.id,
          siteId: s.site_id,
          part2: s.sud_program,
          generated: inserted.length,
          pendingReview: planned.filter((p) => p.status === 'pending_review').length,
          notBillable: planned.filter((p) => !p.billable).length,
          alreadyPresent: planned.length - inserted.length,
        },
      });
    }
  }
}
