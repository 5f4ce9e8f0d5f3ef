import { randomUUID } from 'node:crypto';
import { CommandHandler } from '@nestjs/cqrs';

import { Prisma } from '@cairn/platform/db';
import { InvalidInputError, RuleViolationError } from '@cairn/platform/http';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { part2ConsentProblems } from '../../domain/part2-consent.rules';
import { Part2ConsentView, toConsentView } from '../../domain/part2-consent.view';
import { RecordConsentCommand } from './record-consent.command';

const date = (d: string) => new Date(`${d}T00:00:00Z`);

@CommandHandler(RecordConsentCommand)
@TenantUseCase(RecordConsentCommand, { audit: { action: 'part2.consent.create', resource: 'part2_consent', patient: (c) => c.patientId } })
export class RecordConsentHandler implements ClUseCaseHandler<RecordConsentCommand, Part2ConsentView | null> {
  async execute({ patientId, input }: RecordConsentCommand, { ctx, tx, audit }: ClUseCase): Promise<Part2ConsentView | null> {
    const today = new Date().toISOString().slice(0, 10);
    const problems = part2ConsentProblems(input, today);
    if (problems.length) throw new InvalidInputError('The consent lacks what 42 CFR §2.31 requires.', problems);

    // The chart is visible exactly when its patient is in the caller's scope (row-level security).
    const chart = await tx.chart.findFirst({ where: { organizationId: ctx.organizationId, patientId } });
    if (!chart) {
      audit.scope({ requestedPatientId: patientId });
      return null;
    }
    if (!chart.isPart2) {
      // The refusal rolls the transaction back; its row (the chart's Part 2 status was read) is committed on its own.
      throw audit.refuse(
        'chart_not_part2',
        new RuleViolationError('The chart is not a 42 CFR Part 2 record: it needs no Part 2 consent.', [
          { field: 'patientId', message: 'chart is not under Part 2' },
        ]),
        'failure',
        { chartId: chart.id, part2: false },
      );
    }
    const id = randomUUID();
    await tx.part2Consent.createMany({
      data: [
        {
          organizationId: ctx.organizationId,
          id,
          patientId,
          chartId: chart.id,
          consentType: input.consentType,
          disclosingParty: input.disclosingParty.trim(),
          informationDescription: input.informationDescription.trim(),
          recordTypes: [...new Set(input.recordTypes)],
          recipients: input.recipients as unknown as Prisma.InputJsonValue,
          purposes: [...new Set(input.purposes)],
          effectiveOn: date(input.effectiveOn ?? input.signedOn),
          expiresOn: input.expiresOn ? date(input.expiresOn) : null,
          expirationEvent: input.expirationEvent?.trim() || null,
          signedBy: input.signedBy,
          signedOn: date(input.signedOn),
          statements: [...new Set(input.statements)],
          createdBy: ctx.userId,
        },
      ],
    });
    // Kinds and ids only: the free-text fields may hold PHI.
    audit.set({ resourceId: id }).scope({
      chartId: chart.id,
      consentType: input.consentType,
      recordTypes: input.recordTypes,
      purposes: input.purposes,
      recipientTypes: input.recipients.map((r) => r.type),
      part2: true,
      part2NoticeApplies: true,
    });
    const created = await tx.part2Consent.findUniqueOrThrow({ where: { organizationId_id: { organizationId: ctx.organizationId, id } } });
    return toConsentView(created, today);
  }
}
