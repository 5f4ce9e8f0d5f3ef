import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { PART2_NOTICE } from '../../part2-notice';
import { toConsentView } from '../../part2-consent.view';
import { ConsentPage, ListConsentsQuery } from './list-consents.query';

@QueryHandler(ListConsentsQuery)
export class ListConsentsHandler implements IQueryHandler<ListConsentsQuery> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ patientId, page, pageSize }: ListConsentsQuery): Promise<ConsentPage | null> {
    const ctx = this.requestContext.requireTenant();
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const chart = await tx.chart.findFirst({ where: { organizationId: ctx.organizationId, patientId } });
      if (!chart) {
        await this.audit.record({ action: 'part2.consent.list', resourceType: 'part2_consent', patientId: null, outcome: 'not_found', scope: { requestedPatientId: patientId } });
        return null;
      }
      const where = { organizationId: ctx.organizationId, patientId };
      const [total, rows] = await Promise.all([
        tx.part2Consent.count({ where }),
        tx.part2Consent.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], skip: (page - 1) * pageSize, take: pageSize }),
      ]);
      await this.audit.record({
        action: 'part2.consent.list', resourceType: 'part2_consent', resourceId: chart.id, patientId, outcome: 'success',
        scope: { chartId: chart.id, consentIds: rows.map((r) => r.id), total, part2: chart.isPart2, part2NoticeApplies: chart.isPart2 },
      });
      const today = new Date().toISOString().slice(0, 10);
      return { items: rows.map((r) => toConsentView(r, today)), page, pageSize, total, part2Notice: chart.isPart2 ? PART2_NOTICE : null };
    });
  }
}
