import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { CheckSudConsentQuery, SudConsentDecision, SudConsentReason } from '@cairn/platform/clinical';
import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { consentStatus, denialReason } from '../../part2-consent.view';

/**
 * Answers CheckSudConsentQuery with the SQL helper cl_check_sud_consent (the same function row-level
 * security policies call, so TypeScript and RLS cannot disagree), then explains a denial from the chart's
 * consents. Every check is audited; a permitted check of a Part 2 chart carries the §2.32 notice flag.
 */
@QueryHandler(CheckSudConsentQuery)
export class CheckSudConsentHandler implements IQueryHandler<CheckSudConsentQuery> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ patientId, recordType, userId }: CheckSudConsentQuery): Promise<SudConsentDecision> {
    const ctx = this.requestContext.requireTenant();
    const subject = userId ?? ctx.userId;
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const chart = await tx.chart.findFirst({ where: { organizationId: ctx.organizationId, patientId } });
      if (!chart) {
        await this.audit.record({ action: 'part2.consent.check', resourceType: 'chart', patientId: null, outcome: 'not_found', reason: 'unknown_chart', scope: { recordType, requestedPatientId: patientId } });
        return { allowed: false, reason: 'unknown_chart', part2: false, chartId: null };
      }
      const [row] = await tx.$queryRaw<{ allowed: boolean }[]>`SELECT cl_check_sud_consent(${chart.id}::uuid, ${recordType}, ${subject}::uuid) AS allowed`;
      const allowed = row?.allowed === true;
      let reason: SudConsentReason = chart.isPart2 ? 'consent_on_file' : 'not_part2';
      if (!allowed) {
        const consents = await tx.part2Consent.findMany({ where: { organizationId: ctx.organizationId, chartId: chart.id } });
        const today = new Date().toISOString().slice(0, 10);
        reason = denialReason(consents.map((c) => consentStatus(c, today)));
      }
      await this.audit.record({
        action: 'part2.consent.check', resourceType: 'chart', resourceId: chart.id, patientId, outcome: allowed ? 'success' : 'denied', reason,
        scope: {
          recordType, part2: chart.isPart2, part2NoticeApplies: chart.isPart2 && allowed,
          ...(subject !== ctx.userId ? { subjectUserId: subject } : {}),
        },
      });
      return { allowed, reason, part2: chart.isPart2, chartId: chart.id };
    });
  }
}
