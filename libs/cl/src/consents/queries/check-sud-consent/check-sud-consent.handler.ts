import { QueryHandler } from '@nestjs/cqrs';

import { CheckSudConsentQuery, SudConsentDecision, SudConsentReason } from '@cairn/platform/clinical';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { consentStatus, denialReason } from '../../domain/part2-consent.view';
import { sudConsentAllows } from '../../infrastructure/part2-consent.repository';

/**
 * Answers CheckSudConsentQuery with the SQL helper cl_check_sud_consent (the same function row-level
 * security policies call, so TypeScript and RLS cannot disagree), then explains a denial from the chart's
 * consents. Every check is audited (a denial as `denied`, with its reason, in the caller's transaction: the answer
 * is returned, not thrown); a permitted check of a Part 2 chart carries the §2.32 notice flag.
 */
@QueryHandler(CheckSudConsentQuery)
@TenantUseCase(CheckSudConsentQuery, { audit: { action: 'part2.consent.check', resource: 'chart', patient: (q) => q.patientId } })
export class CheckSudConsentHandler implements ClUseCaseHandler<CheckSudConsentQuery, SudConsentDecision> {
  async execute({ patientId, recordType, userId }: CheckSudConsentQuery, { ctx, tx, audit }: ClUseCase): Promise<SudConsentDecision> {
    const subject = userId ?? ctx.userId;
    const chart = await tx.chart.findFirst({ where: { organizationId: ctx.organizationId, patientId } });
    if (!chart) {
      audit.outcome('not_found', 'unknown_chart').scope({ recordType, requestedPatientId: patientId });
      return { allowed: false, reason: 'unknown_chart', part2: false, chartId: null };
    }
    const allowed = await sudConsentAllows(tx, chart.id, recordType, subject);
    let reason: SudConsentReason = chart.isPart2 ? 'consent_on_file' : 'not_part2';
    if (!allowed) {
      const consents = await tx.part2Consent.findMany({ where: { organizationId: ctx.organizationId, chartId: chart.id } });
      const today = new Date().toISOString().slice(0, 10);
      reason = denialReason(consents.map((c) => consentStatus(c, today)));
    }
    audit
      .outcome(allowed ? 'success' : 'denied', reason)
      .set({ resourceId: chart.id })
      .scope({
        recordType,
        part2: chart.isPart2,
        part2NoticeApplies: chart.isPart2 && allowed,
        ...(subject !== ctx.userId ? { subjectUserId: subject } : {}),
      });
    return { allowed, reason, part2: chart.isPart2, chartId: chart.id };
  }
}
