import { CommandHandler, QueryBus } from '@nestjs/cqrs';

import { CODE_PATTERN, ValidateCodeQuery } from '@cairn/platform/code-library';
import { ConflictError, ForbiddenError, InvalidInputError, isoDate, type FieldError } from '@cairn/platform/http';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { GroupEncounterGenerationView, part2AuditScope, toGenerationView } from '../../domain/group-encounter-generation.view';
import { billabilityAfterCodeEdit } from '../../domain/group-encounter.rules';
import { OUTCOME_DETAIL } from '../../domain/review-result.view';
import { editPendingCode, generationsByIds } from '../../infrastructure/group-encounter-generation.repository';
import { EditGroupEncounterCodeCommand } from './edit-group-encounter-code.command';

export const MAX_MODIFIERS = 4;

/**
 * A reviewer's correction of the proposal: the code must be a CPT or HCPCS code billable on the session date,
 * each modifier a MODIFIER code valid then (the code library decides; a bad one is a 400 naming the field).
 * Only while pending review (409 after a decision), never on a Part 2 row the reviewer has no consent for
 * (403). A row flagged only for its code becomes billable; attendance flags stay. Audited with before/after.
 */
@CommandHandler(EditGroupEncounterCodeCommand)
@TenantUseCase(EditGroupEncounterCodeCommand, {
  audit: { action: 'group-encounter-generation.edit', resource: 'group_encounter_generation', id: (c) => c.generationId },
})
export class EditGroupEncounterCodeHandler implements ClUseCaseHandler<EditGroupEncounterCodeCommand, GroupEncounterGenerationView | null> {
  constructor(private readonly queries: QueryBus) {}

  async execute(
    { generationId, input }: EditGroupEncounterCodeCommand,
    { ctx, tx, audit }: ClUseCase,
  ): Promise<GroupEncounterGenerationView | null> {
    const org = ctx.organizationId;
    const code = (input.proposedCptCode ?? '').trim().toUpperCase();
    const modifiers = (input.modifiers ?? []).map((m) => (m ?? '').trim().toUpperCase());
    const shapeProblems: FieldError[] = [];
    if (!CODE_PATTERN.test(code))
      shapeProblems.push({ field: 'proposedCptCode', message: 'proposedCptCode must be 2 to 7 letters or digits' });
    if (modifiers.length > MAX_MODIFIERS) shapeProblems.push({ field: 'modifiers', message: `at most ${MAX_MODIFIERS} modifiers` });
    modifiers.forEach((m, i) => {
      if (!CODE_PATTERN.test(m)) shapeProblems.push({ field: `modifiers[${i}]`, message: 'a modifier is 2 to 7 letters or digits' });
      else if (modifiers.indexOf(m) !== i) shapeProblems.push({ field: `modifiers[${i}]`, message: `${m} is listed twice` });
    });
    if (shapeProblems.length) throw new InvalidInputError('The proposed code cannot be used.', shapeProblems);

    const [row] = await generationsByIds(tx, org, [generationId]);
    if (!row) return null;
    // Refusals throw, rolling the transaction back: the pipeline commits their rows on their own (no patient named).
    const refusalScope = part2AuditScope([row]);
    if (!row.consented)
      throw audit.refuse('consent_required', new ForbiddenError(OUTCOME_DETAIL.consent_required!), 'denied', refusalScope);
    if (row.status !== 'pending_review') {
      throw audit.refuse(
        `decided:${row.status}`,
        new ConflictError(`A ${row.status} generation cannot be edited: a decision is final.`),
        'denied',
        refusalScope,
      );
    }

    const on = isoDate(row.session_date);
    const problems: FieldError[] = [];
    const validity = await this.queries.execute(new ValidateCodeQuery(code, on));
    if (!validity.valid) problems.push({ field: 'proposedCptCode', message: validity.message });
    else if (validity.code.system === 'MODIFIER')
      problems.push({ field: 'proposedCptCode', message: `${code} is a modifier, not a CPT or HCPCS code` });
    const modifierChecks = await Promise.all(modifiers.map((m) => this.queries.execute(new ValidateCodeQuery(m, on, 'MODIFIER'))));
    modifierChecks.forEach((v, i) => {
      if (!v.valid) problems.push({ field: `modifiers[${i}]`, message: v.message });
    });
    if (problems.length || !validity.valid) throw new InvalidInputError('The proposed code cannot be used on the session date.', problems);

    const system = validity.code.system as 'CPT' | 'HCPCS';
    const next = billabilityAfterCodeEdit(row.not_billable_reason);
    const updated = await editPendingCode(tx, org, row.id, {
      system,
      code,
      modifiers,
      billable: next.billable,
      notBillableReason: next.notBillableReason,
      clearDetail: next.clearDetail,
    });
    if (!updated) throw new ConflictError('The generation was decided meanwhile: a decision is final.');
    audit.set({ patientId: updated.consented ? updated.patient_id : null }).scope({
      ...part2AuditScope([updated]),
      before: {
        system: row.proposed_code_system,
        code: row.proposed_cpt_code,
        modifiers: row.proposed_modifiers,
        billable: row.billable,
        notBillableReason: row.not_billable_reason,
      },
      after: { system, code, modifiers, billable: next.billable, notBillableReason: next.notBillableReason },
    });
    return toGenerationView(updated);
  }
}
