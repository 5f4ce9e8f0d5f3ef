import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { toConsentView } from '../../domain/part2-consent.view';
import { PART2_NOTICE } from '../../domain/part2-notice.constants';
import { ConsentPage, ListConsentsQuery } from './list-consents.query';

/** The row names the chart (resource id) on success; not found names only the patient id asked for, in its scope. */
@QueryHandler(ListConsentsQuery)
@TenantUseCase(ListConsentsQuery, { audit: { action: 'part2.consent.list', resource: 'part2_consent', patient: (q) => q.patientId } })
export class ListConsentsHandler implements ClUseCaseHandler<ListConsentsQuery, ConsentPage | null> {
  async execute({ patientId, page, pageSize }: ListConsentsQuery, { ctx, tx, audit }: ClUseCase): Promise<ConsentPage | null> {
    const chart = await tx.chart.findFirst({ where: { organizationId: ctx.organizationId, patientId } });
    if (!chart) {
      audit.scope({ requestedPatientId: patientId });
      return null;
    }
    const where = { organizationId: ctx.organizationId, patientId };
    const [total, rows] = await Promise.all([
      tx.part2Consent.count({ where }),
      tx.part2Consent.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip: (page - 1) * pageSize, take: pageSize }),
    ]);
    audit.set({ resourceId: chart.id }).scope({
      chartId: chart.id,
      consentIds: rows.map((r) => r.id),
      total,
      part2: chart.isPart2,
      part2NoticeApplies: chart.isPart2,
    });
    const today = new Date().toISOString().slice(0, 10);
    return { items: rows.map((r) => toConsentView(r, today)), page, pageSize, total, part2Notice: chart.isPart2 ? PART2_NOTICE : null };
  }
}
