import { QueryHandler } from '@nestjs/cqrs';

import type { Prisma } from '@cairn/platform/db';
import { calendarDay, ForbiddenError, isoDate } from '@cairn/platform/kernel';
import {
  assertSignalRecordRequest,
  ListChargeSignalRecordsQuery,
  SignalRecordPage,
  SignalRecordRow,
} from '@cairn/platform/performance-signals';
import { TenantUseCase } from '@cairn/platform/use-case';

import { ChargesRepository } from '../../../charges/infrastructure/charges.repository';
import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { drillSites, pageOfRows } from '../../domain/drill-through.rules';

const COLUMNS = [
  { key: 'serviceDate', label: 'Service date' },
  { key: 'code', label: 'Code' },
  { key: 'holdReason', label: 'Hold reason' },
  { key: 'renderingProviderId', label: 'Provider' },
  { key: 'siteId', label: 'Site' },
  { key: 'patientId', label: 'Patient' },
];

export const PART2_WITHHELD_REASON =
  'A 42 CFR Part 2 record: no consent of the patient covers your access, so only its existence is shown.';

/**
 * The charges behind charges.on-hold: on hold now, with a service date within [from, to], with PM's charge list
 * rules (ListChargesHandler): pm.charges.view at the charge's site, row-level security, and a charge of a Part 2
 * chart without a covering consent withheld (only its existence and why). No amounts (on-hold charges have none).
 * Audited like the charge list, naming the charges and patients listed and the Part 2 rows withheld. Read-only.
 */
@QueryHandler(ListChargeSignalRecordsQuery)
@TenantUseCase(ListChargeSignalRecordsQuery, { audit: { action: 'charge.list', resource: 'charge' } })
export class ListChargeSignalRecordsHandler implements PmUseCaseHandler<ListChargeSignalRecordsQuery, SignalRecordPage> {
  constructor(private readonly charges: ChargesRepository) {}

  async execute(query: ListChargeSignalRecordsQuery, { ctx, tx, audit, principal }: PmUseCase): Promise<SignalRecordPage> {
    assertSignalRecordRequest(query.filters, query.page);
    if (query.organizationId !== ctx.organizationId) throw new ForbiddenError('Records of another organization.');
    if (query.drillKey !== 'charges.on-hold') throw new ForbiddenError('PM does not answer this drill-through.');
    const sites = drillSites(principal, ctx.organizationId, 'pm.charges.view', audit);
    const f = query.filters;
    const and: Prisma.ChargeWhereInput[] = [
      { organizationId: ctx.organizationId, status: 'on_hold' },
      { serviceDate: { gte: calendarDay(f.from), lte: calendarDay(f.to) } },
    ];
    if (sites !== 'all') and.push({ siteId: { in: sites } });
    if (f.siteId) and.push({ siteId: f.siteId });
    if (f.providerId) and.push({ renderingProviderId: f.providerId });
    const where = { AND: and };
    const { page, pageSize } = query.page;
    const [total, rows] = await Promise.all([
      tx.charge.count({ where }),
      tx.charge.findMany({
        where,
        orderBy: [{ serviceDate: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
    ]);
    // 42 CFR Part 2: a charge of a Part 2 chart is a Part 2 billing record (cl_check_sud_consent, once per page).
    const consented = await this.charges.billingConsentOfCharts(tx, [
      ...new Set(rows.map((r) => r.chartId).filter((c): c is string => c !== null)),
    ]);
    const withheld = new Set(rows.filter((r) => r.chartId !== null && consented.get(r.chartId) === false).map((r) => r.id));
    audit.scope({
      drillKey: query.drillKey,
      total,
      page,
      pageSize,
      resultChargeIds: rows.map((r) => r.id),
      resultPatientIds: [
        ...new Set(
          rows
            .filter((r) => !withheld.has(r.id))
            .map((r) => r.patientId)
            .filter(Boolean),
        ),
      ],
      ...(withheld.size > 0 ? { part2Withheld: withheld.size, part2Denied: true } : {}),
    });
    return pageOfRows(
      COLUMNS,
      rows.map((r): SignalRecordRow =>
        withheld.has(r.id)
          ? { id: r.id, cells: {}, withheld: { reason: PART2_WITHHELD_REASON }, link: '/billing/charges' }
          : {
              id: r.id,
              cells: {
                serviceDate: isoDate(r.serviceDate),
                code: r.finalCode ?? r.proposedCode,
                holdReason: r.holdReason,
                renderingProviderId: r.renderingProviderId,
                siteId: r.siteId,
                patientId: r.patientId,
              },
              withheld: null,
              link: '/billing/charges',
            },
      ),
      total,
      query.page,
    );
  }
}
