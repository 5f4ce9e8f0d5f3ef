import { randomUUID } from 'node:crypto';
import { CommandHandler, QueryBus } from '@nestjs/cqrs';

import { CodeSystem, CodeValidity, ValidateCodeQuery } from '@cairn/platform/code-library';
import { calendarDay, FieldError, InvalidInputError } from '@cairn/platform/http';
import { isoDate } from '@cairn/platform/kernel';
import { OutboxPublisher } from '@cairn/platform/messaging';
import { TenantUseCase } from '@cairn/platform/use-case';

import { decideCharge, normalizeModifiers } from '../../../charges/domain/charge.rules';
import { publishChargeStatusChanged } from '../../../charges/infrastructure/charge-events.gateway';
import { codeUnitBases, todayBySite } from '../../../charges/infrastructure/charge-facts.gateway';
import { ChargesRepository } from '../../../charges/infrastructure/charges.repository';
import { profilesBySite } from '../../../charges/infrastructure/jurisdiction-profiles.gateway';
import type { PmTx, PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { FeeScheduleEntryView, toFeeScheduleEntryView } from '../../domain/fee-schedule-entry.view';
import { assertNoOverlap } from '../../infrastructure/fee-schedule.repository';
import { CreateFeeScheduleEntryCommand, CreateFeeScheduleEntryInput } from './create-fee-schedule-entry.command';

@CommandHandler(CreateFeeScheduleEntryCommand)
@TenantUseCase(CreateFeeScheduleEntryCommand, { audit: { action: 'fee-schedule.create', resource: 'fee_schedule_entry' } })
export class CreateFeeScheduleEntryHandler implements PmUseCaseHandler<CreateFeeScheduleEntryCommand, FeeScheduleEntryView> {
  constructor(
    private readonly queries: QueryBus,
    private readonly charges: ChargesRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  async execute({ input }: CreateFeeScheduleEntryCommand, { ctx, tx, audit }: PmUseCase): Promise<FeeScheduleEntryView> {
    const modifiers = normalizeModifiers(input.modifiers ?? []);
    const crosswalkModifiers = normalizeModifiers(input.crosswalkModifiers ?? []);
    const problems = shapeProblems(input, modifiers, crosswalkModifiers);
    if (problems.length) throw new InvalidInputError('The fee schedule entry is not valid.', problems);
    const codeProblems = await this.codeLibraryProblems(input, modifiers, crosswalkModifiers);
    if (codeProblems.length)
      throw new InvalidInputError('The fee schedule entry names codes the code library does not have on its first day.', codeProblems);
    await assertNoOverlap(
      tx,
      ctx.organizationId,
      { code: input.code, modifierMatch: input.modifierMatch, modifiers },
      { effectiveFrom: input.effectiveFrom, effectiveTo: input.effectiveTo ?? null },
    );
    const created = await tx.feeScheduleEntry.create({
      data: {
        organizationId: ctx.organizationId,
        id: randomUUID(),
        codeSystem: input.codeSystem,
        code: input.code,
        modifierMatch: input.modifierMatch,
        modifiers,
        effectiveFrom: calendarDay(input.effectiveFrom),
        effectiveTo: input.effectiveTo ? calendarDay(input.effectiveTo) : null,
        rateCents: input.rateCents,
        unitBasis: input.unitBasis,
        crosswalkCode: input.crosswalkCode ?? null,
        crosswalkModifierMode: input.crosswalkModifierMode ?? null,
        crosswalkModifiers,
        createdBy: ctx.userId,
      },
    });
    const repriced = await this.repriceHeld(tx, ctx.organizationId, ctx.userId, input.code, input.effectiveFrom, input.effectiveTo ?? null);
    audit.set({ resourceId: created.id }).scope({
      code: created.code,
      modifierMatch: created.modifierMatch,
      modifiers,
      effectiveFrom: input.effectiveFrom,
      effectiveTo: input.effectiveTo ?? null,
      repricedChargeIds: repriced.map((r) => r.voided),
      repricingChargeIds: repriced.map((r) => r.correction),
    });
    return toFeeScheduleEntryView(created);
  }

  /**
   * Re-prices the charges held for want of a fee schedule entry that the new entry now prices (ADR 0011): each held
   * charge is voided (`repriced`) and replaced by a new charge one lineage step on, priced as the charge step would
   * price it today (the service's minutes, the site's timed-unit rule), in this transaction. A held charge the
   * entry does not match (other modifiers) stays held. The rows are locked, so a concurrent void or re-pricing of
   * the same charge waits and then finds it voided: it is replaced exactly once.
   */
  private async repriceHeld(tx: PmTx, org: string, userId: string, code: string, from: string, to: string | null) {
    const held = await this.charges.heldForEntry(tx, org, { code, effectiveFrom: from, effectiveTo: to });
    if (held.length === 0) return [];
    const dates = held.map((c) => isoDate(c.serviceDate)).sort();
    const entries = await this.charges.feeEntries(tx, org, [code], dates[0]!, dates[dates.length - 1]!);
    const profiles = await profilesBySite(
      this.queries,
      held.map((c) => c.siteId),
    );
    const today = await todayBySite(
      tx,
      org,
      held.map((c) => c.siteId),
    );
    const bases = await codeUnitBases(
      this.queries,
      held.map((c) => ({ code, on: isoDate(c.serviceDate) })),
    );
    const out: { voided: string; correction: string }[] = [];
    for (const charge of held) {
      const serviceDate = isoDate(charge.serviceDate);
      const decision = decideCharge(
        {
          code: charge.proposedCode,
          modifiers: charge.proposedModifiers,
          durationMinutes: charge.durationMinutes,
          serviceDate,
          codeUnitBasis: bases.get(`${code}|${serviceDate}`) ?? null,
          today: today.get(charge.siteId)!,
        },
        entries,
        profiles.get(charge.siteId)!,
      );
      if (decision.feeScheduleEntryId === null) continue;
      const voided = await this.charges.transition(tx, org, charge.id, { status: 'voided', reason: 'repriced', by: userId });
      if (!voided) continue;
      const correction = await this.charges.insertCorrection(tx, voided, decision, { reason: 'repriced', by: userId });
      await publishChargeStatusChanged(this.outbox, voided, charge.status, userId, correction.id);
      out.push({ voided: voided.id, correction: correction.id });
    }
    return out;
  }

  /** Each code and modifier must be billable on the entry's first day, in its system. */
  private async codeLibraryProblems(
    input: CreateFeeScheduleEntryInput,
    modifiers: string[],
    crosswalkModifiers: string[],
  ): Promise<FieldError[]> {
    const on = input.effectiveFrom;
    const check = (code: string, system?: CodeSystem) =>
      this.queries.execute<ValidateCodeQuery, CodeValidity>(new ValidateCodeQuery(code, on, system));
    const problems: FieldError[] = [];
    const code = await check(input.code, input.codeSystem);
    if (!code.valid) problems.push({ field: 'code', message: code.message });
    for (const [field, list] of [
      ['modifiers', modifiers],
      ['crosswalkModifiers', crosswalkModifiers],
    ] as const) {
      for (const m of list) {
        const v = await check(m, 'MODIFIER');
        if (!v.valid) problems.push({ field, message: v.message });
      }
    }
    if (input.crosswalkCode) {
      const v = await check(input.crosswalkCode);
      if (!v.valid) problems.push({ field: 'crosswalkCode', message: v.message });
      else if (v.code.system === 'MODIFIER')
        problems.push({ field: 'crosswalkCode', message: `${input.crosswalkCode} is a modifier, not a billing code` });
    }
    return problems;
  }
}

/** Rules between fields the DTO cannot express. */
function shapeProblems(input: CreateFeeScheduleEntryInput, modifiers: string[], crosswalkModifiers: string[]): FieldError[] {
  const problems: FieldError[] = [];
  if (input.modifierMatch === 'any' && modifiers.length > 0)
    problems.push({ field: 'modifiers', message: "modifiers must be empty when modifierMatch is 'any'" });
  if (input.effectiveTo && input.effectiveTo < input.effectiveFrom)
    problems.push({ field: 'effectiveTo', message: 'effectiveTo must be on or after effectiveFrom' });
  if (!input.crosswalkModifierMode && crosswalkModifiers.length > 0)
    problems.push({
      field: 'crosswalkModifierMode',
      message: 'crosswalkModifierMode (add or replace) is required with crosswalkModifiers',
    });
  if (input.crosswalkModifierMode === 'add' && crosswalkModifiers.length === 0)
    problems.push({ field: 'crosswalkModifiers', message: 'crosswalkModifiers must name at least one modifier to add' });
  if (input.crosswalkCode === input.code) problems.push({ field: 'crosswalkCode', message: 'crosswalkCode must differ from code' });
  return problems;
}
