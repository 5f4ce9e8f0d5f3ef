import { randomUUID } from 'node:crypto';
import { CommandHandler } from '@nestjs/cqrs';
import { InvalidInputError } from '@cairn/platform/http';
import { idKey } from '@cairn/platform/kernel';
import { CreateGroupEncountersCommand, CreatedGroupEncounter, GroupEncountersCreated } from '@cairn/platform/scheduling';
import { TenantUseCase, TenantUseCaseHandler, UseCase } from '@cairn/platform/use-case';
import { groupEncounterInputProblems } from '../../encounter-rules';

/**
 * One `group` encounter per present or partial attendee of a CL-14 group session, for CL's encounter generation.
 * One multi-row INSERT ... ON CONFLICT DO NOTHING on (organization, 'group_session', session, patient): rows that
 * already exist (a replayed event) are left as they are and their ids returned with created: false. Runs in the
 * caller's transaction (the consumer's), so the encounters commit or roll back with the generations.
 */
@CommandHandler(CreateGroupEncountersCommand)
@TenantUseCase(CreateGroupEncountersCommand, {
  audit: { action: 'encounter.create_group', resource: 'group_session', id: (c) => c.input.groupSessionId, actor: 'derived-from-context' },
})
export class CreateGroupEncountersHandler implements TenantUseCaseHandler<CreateGroupEncountersCommand, GroupEncountersCreated> {
  async execute({ input }: CreateGroupEncountersCommand, { ctx, tx, audit }: UseCase): Promise<GroupEncountersCreated> {
    const problems = groupEncounterInputProblems(input);
    if (problems.length > 0) throw new InvalidInputError('The group encounters cannot be created.', problems);
    const org = ctx.organizationId;
    const a = input.attendees;
    const inserted = await tx.$queryRaw<{ id: string; patient_id: string }[]>`
      INSERT INTO pm_encounters (organization_id, id, patient_id, chart_id, site_id, encounter_type, service_date,
                                 rendering_provider_id, duration_minutes, attendance_status, source_type, source_id)
      SELECT ${org}::uuid, t.id, t.patient_id, t.chart_id, ${input.siteId}::uuid, 'group', ${input.serviceDate}::date,
             ${input.renderingProviderId}::uuid, t.minutes, t.status, 'group_session', ${input.groupSessionId}::uuid
      FROM unnest(${a.map(() => randomUUID())}::uuid[], ${a.map((x) => x.patientId)}::uuid[], ${a.map((x) => x.chartId)}::uuid[],
                  ${a.map((x) => x.minutesAttended)}::int[], ${a.map((x) => x.attendanceStatus)}::text[])
           AS t(id, patient_id, chart_id, minutes, status)
      ON CONFLICT (organization_id, source_type, source_id, patient_id) DO NOTHING
      RETURNING id, patient_id`;
    const created = new Map(inserted.map((r) => [r.patient_id, r.id]));
    const missing = a.filter((x) => !created.has(idKey(x.patientId))).map((x) => x.patientId);
    const existing = missing.length === 0 ? [] : await tx.$queryRaw<{ id: string; patient_id: string }[]>`
      SELECT id, patient_id FROM pm_encounters
      WHERE organization_id = ${org}::uuid AND source_type = 'group_session' AND source_id = ${input.groupSessionId}::uuid
        AND patient_id = ANY (${missing}::uuid[])`;
    const found = new Map(existing.map((r) => [r.patient_id, r.id]));
    const encounters: CreatedGroupEncounter[] = a.map((x) => {
      const key = idKey(x.patientId);
      const encounterId = created.get(key) ?? found.get(key);
      if (!encounterId) throw new Error(`group encounter for session ${input.groupSessionId} was neither inserted nor found`);
      return { patientId: x.patientId, encounterId, created: created.has(key) };
    });
    // One audit row per session (ids only): the encounters' patients are listed by the generations CL records.
    // A replay that inserted nothing changed nothing and writes none.
    if (inserted.length > 0) audit.scope({ siteId: input.siteId, created: inserted.length, alreadyPresent: a.length - inserted.length });
    else audit.skip('a replay: every encounter exists already');
    return { encounters };
  }
}
