import { QueryHandler } from '@nestjs/cqrs';

import { ForbiddenError, isoDate } from '@cairn/platform/kernel';
import {
  assertSignalRecordRequest,
  ListChargeSignalRecordsQuery,
  SignalRecordPage,
  SignalRecordRow,
} from '@cairn/platform/performance-signals';
import { TenantUseCase } from '@cairn/platform/use-case';

import { ChargeListRepository } from '../../../charges/infrastructure/charge-list.repository';
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
 * The charges behind charges.on-hold: on hold now, with a service date within [from, to]: PM's charge list itself
 * (ChargeListRepository, as ListChargesHandler reads it) with the status filter: pm.charges.view at the charge's
 * site, row-level security, and the list's Part 2 rule that a filter on a charge's own facts (here its status and
 * provider) never matches a charge the caller may not see, so a withheld Part 2 charge is not even listed as
 * existing under "on hold" (that would tell its status). No amounts (on-hold charges have none). Audited like the
 * charge list, naming the charges and patients listed. Read-only.
 */
@QueryHandler(ListChargeSignalRecordsQuery)
@TenantUseCase(ListChargeSignalRecordsQuery, { audit: { action: 'charge.list', resource: 'charge' } })
export class ListChargeSignalRecordsHandler implements PmUseCaseHandler<ListChargeSignalRecordsQuery, SignalRecordPage> {
  constructor(private readonly charges: ChargeListRepository) {}

  async execute(query: ListChargeSignalRecordsQuery, { ctx, tx, audit, principal }: PmUseCase): Promise<SignalRecordPage> {
    assertSignalRecordRequest(query.filters, query.page);
    if (query.organizationId !== ctx.organizationId) throw new ForbiddenError('Records of another organization.');
    if (query.drillKey !== 'charges.on-hold') throw new ForbiddenError('PM does not answer this drill-through.');
    const sites = drillSites(principal, ctx.organizationId, 'pm.charges.view', audit);
    const f = query.filters;
    const { page, pageSize } = query.page;
    const { rows, total } = await this.charges.page(
      tx,
      ctx.organizationId,
      sites,
      { status: 'on_hold', from: f.from, to: f.to, siteId: f.siteId, renderingProviderId: f.providerId },
      (page - 1) * pageSize,
      pageSize,
    );
    audit.scope({
      drillKey: query.drillKey,
      total,
      page,
      pageSize,
      resultChargeIds: rows.map((r) => r.charge.id),
      resultPatientIds: [...new Set(rows.map((r) => r.charge.patientId).filter(Boolean))],
      ...(rows.some((r) => r.part2) ? { part2: true, part2ChargeIds: rows.filter((r) => r.part2).map((r) => r.charge.id) } : {}),
    });
    return pageOfRows(
      COLUMNS,
      rows.map(({ charge: r }): SignalRecordRow => ({
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
      })),
      total,
      query.page,
    );
  }
}
