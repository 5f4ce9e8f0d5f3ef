import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { Prisma, TenantTx } from '@cairn/platform/db';
import { InvalidInputError, RuleViolationError } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
import { part2ConsentProblems } from '../../part2-consent-rules';
import { toConsentView } from '../../part2-consent.view';
import { RecordConsentCommand } from './record-consent.command';

const date = (d: string) => new Date(`${d}T00:00:00Z`);

@CommandHandler(RecordConsentCommand)
export class RecordConsentHandler implements ICommandHandler<RecordConsentCommand> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ patientId, input }: RecordConsentCommand) {
    const ctx = this.requestContext.requireTenant();
    const today = new Date().toISOString().slice(0, 10);
    const problems = part2ConsentProblems(input, today);
    if (problems.length) throw new InvalidInputError('The consent lacks what 42 CFR §2.31 requires.', problems);

    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      // The chart is visible exactly when its patient is in the caller's scope (row-level security).
      const chart = await tx.chart.findFirst({ where: { organizationId: ctx.organizationId, patientId } });
      if (!chart) {
        await this.audit.record({ action: 'part2.consent.create', resourceType: 'part2_consent', resourceId: null, patientId: null, outcome: 'not_found', scope: { requestedPatientId: patientId } });
        return null;
      }
      if (!chart.isPart2) {
        // The refusal rolls this transaction back: audit it on its own (the chart's Part 2 status was read).
        await this.audit.recordDetached({
          action: 'part2.consent.create', resourceType: 'part2_consent', patientId, outcome: 'failure', reason: 'chart_not_part2', scope: { chartId: chart.id, part2: false },
        });
        throw new RuleViolationError('The chart is not a 42 CFR Part 2 record: it needs no Part 2 consent.', [{ field: 'patientId', message: 'chart is not under Part 2' }]);
      }
      const id = randomUUID();
      await tx.part2Consent.createMany({
        data: [{
          organizationId: ctx.organizationId, id, patientId, chartId: chart.id, consentType: input.consentType,
          disclosingParty: input.disclosingParty.trim(), informationDescription: input.informationDescription.trim(),
          recordTypes: [...new Set(input.recordTypes)], recipients: input.recipients as unknown as Prisma.InputJsonValue,
          purposes: [...new Set(input.purposes)], effectiveOn: date(input.effectiveOn ?? input.signedOn),
          expiresOn: input.expiresOn ? date(input.expiresOn) : null, expirationEvent: input.expirationEvent?.trim() || null,
          signedBy: input.signedBy, signedOn: date(input.signedOn), statements: [...new Set(input.statements)], createdBy: ctx.userId,
        }],
      });
      // Kinds and ids only: the free-text fields may hold PHI.
      await this.audit.record({
        action: 'part2.consent.create', resourceType: 'part2_consent', resourceId: id, patientId, outcome: 'success',
        scope: {
          chartId: chart.id, consentType: input.consentType, recordTypes: input.recordTypes, purposes: input.purposes,
          recipientTypes: input.recipients.map((r) => r.type), part2: true, part2NoticeApplies: true,
        },
      });
      const created = await tx.part2Consent.findUniqueOrThrow({ where: { organizationId_id: { organizationId: ctx.organizationId, id } } });
      return toConsentView(created, today);
    });
  }
}
