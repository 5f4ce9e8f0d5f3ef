import { QueryHandler } from '@nestjs/cqrs';

import { calendarDay, ForbiddenError, isoDate } from '@cairn/platform/kernel';
import { assertSignalRecordRequest, ListConsentSignalRecordsQuery, SignalRecordPage } from '@cairn/platform/performance-signals';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { drillSites, filterNames, pageOfRows } from '../../domain/drill-through.rules';

const COLUMNS = [
  { key: 'expiresOn', label: 'Expires on' },
  { key: 'consentType', label: 'Consent type' },
  { key: 'effectiveOn', label: 'Effective on' },
  { key: 'patientId', label: 'Patient' },
];

/**
 * The consents behind consents.expiring-30d: Part 2 consents in effect on `to` (not revoked) that expire within the
 * 30 days after it, with CL's consent rules: cl.consents.view (as GET /patients/:id/consents) and row-level
 * security (the caller's patients). Consents are organization-wide: the site and provider filters do not apply.
 * Audited like the consent list, naming every consent and patient listed. The link opens the patient's chart.
 */
@QueryHandler(ListConsentSignalRecordsQuery)
@TenantUseCase(ListConsentSignalRecordsQuery, { audit: { action: 'part2.consent.list', resource: 'part2_consent' } })
export class ListConsentSignalRecordsHandler implements ClUseCaseHandler<ListConsentSignalRecordsQuery, SignalRecordPage> {
  async execute(query: ListConsentSignalRecordsQuery, { ctx, tx, audit, principal }: ClUseCase): Promise<SignalRecordPage> {
    assertSignalRecordRequest(query.filters, query.page);
    if (query.organizationId !== ctx.organizationId) throw new ForbiddenError('Records of another organization.');
    if (query.drillKey !== 'consents.expiring') throw new ForbiddenError('Not a consent drill-through.');
    drillSites(principal, ctx.organizationId, 'cl.consents.view', audit);
    const asOf = calendarDay(query.filters.to);
    const until = new Date(asOf.getTime() + 30 * 86_400_000);
    const where = {
      organizationId: ctx.organizationId,
      revokedAt: null,
      effectiveOn: { lte: asOf },
      expiresOn: { gt: asOf, lte: until },
    };
    const { page, pageSize } = query.page;
    const [total, rows] = await Promise.all([
      tx.part2Consent.count({ where }),
      tx.part2Consent.findMany({ where, orderBy: [{ expiresOn: 'asc' }, { id: 'asc' }], skip: (page - 1) * pageSize, take: pageSize }),
    ]);
    audit.scope({
      drillKey: query.drillKey,
      filters: filterNames(query.filters),
      total,
      page,
      pageSize,
      resultConsentIds: rows.map((r) => r.id),
      resultPatientIds: [...new Set(rows.map((r) => r.patientId))],
    });
    return pageOfRows(
      COLUMNS,
      rows.map((r) => ({
        id: r.id,
        cells: {
          expiresOn: r.expiresOn ? isoDate(r.expiresOn) : null,
          consentType: r.consentType,
          effectiveOn: isoDate(r.effectiveOn),
          patientId: r.patientId,
        },
        withheld: null,
        link: `/patients/${r.patientId}`,
      })),
      total,
      query.page,
    );
  }
}
