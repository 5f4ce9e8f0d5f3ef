import { QueryHandler } from '@nestjs/cqrs';

import { ForbiddenError, isoDate } from '@cairn/platform/kernel';
import {
  assertSignalRecordRequest,
  ListGroupEncounterSignalRecordsQuery,
  SignalRecordPage,
  SignalRecordRow,
} from '@cairn/platform/performance-signals';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { part2AuditScope } from '../../../group-encounters/domain/group-encounter-generation.view';
import { listGenerations } from '../../../group-encounters/infrastructure/group-encounter-generation.repository';
import { drillSites, filterNames, pageOfRows, PART2_WITHHELD_REASON } from '../../domain/drill-through.rules';

const COLUMNS = [
  { key: 'sessionDate', label: 'Session date' },
  { key: 'groupType', label: 'Group type' },
  { key: 'attendanceStatus', label: 'Attendance' },
  { key: 'proposedCode', label: 'Proposed code' },
  { key: 'billable', label: 'Billable' },
  { key: 'siteId', label: 'Site' },
  { key: 'patientId', label: 'Patient' },
];

/**
 * The proposals behind group-encounters.pending-review: pending review, with a session date within [from, to], with
 * the review queue's rules (ListGroupEncounterGenerationsHandler): cl.group-encounter-generation.view, row-level
 * security on the caller's sites, and a Part 2 row without a covering consent withheld (only that it exists and
 * why). Audited like the review list (ids listed, Part 2 rows disclosed and withheld). The link opens the group
 * session. Read-only.
 */
@QueryHandler(ListGroupEncounterSignalRecordsQuery)
@TenantUseCase(ListGroupEncounterSignalRecordsQuery, {
  audit: { action: 'group-encounter-generation.list', resource: 'group_encounter_generation' },
})
export class ListGroupEncounterSignalRecordsHandler implements ClUseCaseHandler<ListGroupEncounterSignalRecordsQuery, SignalRecordPage> {
  async execute(query: ListGroupEncounterSignalRecordsQuery, { ctx, tx, audit, principal }: ClUseCase): Promise<SignalRecordPage> {
    assertSignalRecordRequest(query.filters, query.page);
    if (query.organizationId !== ctx.organizationId) throw new ForbiddenError('Records of another organization.');
    if (query.drillKey !== 'group-encounters.pending') throw new ForbiddenError('Not a group encounter drill-through.');
    const sites = drillSites(principal, ctx.organizationId, 'cl.group-encounter-generation.view', audit);
    const f = query.filters;
    const { page, pageSize } = query.page;
    const { rows, total } = await listGenerations(
      tx,
      ctx.organizationId,
      {
        status: 'pending_review',
        from: f.from,
        to: f.to,
        siteId: f.siteId,
        facilitatorId: f.providerId,
        ...(sites === 'all' ? {} : { siteIds: sites }),
      },
      (page - 1) * pageSize,
      pageSize,
    );
    const visible = rows;
    audit.scope({
      drillKey: query.drillKey,
      filters: filterNames(f),
      total,
      page,
      pageSize,
      generationIds: visible.map((r) => r.id),
      ...part2AuditScope(visible),
    });
    return pageOfRows(
      COLUMNS,
      visible.map((r): SignalRecordRow =>
        r.consented
          ? {
              id: r.id,
              cells: {
                sessionDate: isoDate(r.session_date),
                groupType: r.group_type,
                attendanceStatus: r.attendance_status,
                proposedCode: r.proposed_cpt_code,
                billable: r.billable ? 'yes' : 'no',
                siteId: r.site_id,
                patientId: r.patient_id,
              },
              withheld: null,
              link: `/group-sessions/${r.group_session_id}`,
            }
          : { id: r.id, cells: {}, withheld: { reason: PART2_WITHHELD_REASON }, link: '/review/group-encounters' },
      ),
      total,
      query.page,
    );
  }
}
