import { QueryHandler } from '@nestjs/cqrs';

import { ForbiddenError } from '@cairn/platform/kernel';
import { assertSignalRecordRequest, ListNoteSignalRecordsQuery, SignalRecordPage } from '@cairn/platform/performance-signals';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { drillSites, filterNames, pageOfRows } from '../../domain/drill-through.rules';
import { unsignedNoteRecords } from '../../infrastructure/performance-signals.repository';

const COLUMNS = [
  { key: 'sessionStart', label: 'Session start' },
  { key: 'sessionEnd', label: 'Session end' },
  { key: 'hoursSinceSession', label: 'Hours since the session' },
  { key: 'authorId', label: 'Author' },
  { key: 'siteId', label: 'Site' },
  { key: 'patientId', label: 'Patient' },
];

/**
 * The notes behind notes.unsigned and notes.overdue: drafts now, whose session ended within [from, to] (overdue:
 * more than 48 hours ago), with CL's note rules: patients.view (as GET /progress-notes/:id), row-level security on
 * the caller's sites, patient scope (a clinician sees only the patients on their care team) and Part 2 consent (a
 * note the policy hides is not listed, as the note read answers 404). No note text. Audited like a note read,
 * naming every note and patient listed. The link opens the patient's chart. Read-only.
 */
@QueryHandler(ListNoteSignalRecordsQuery)
@TenantUseCase(ListNoteSignalRecordsQuery, { audit: { action: 'progress-note.list', resource: 'progress_note' } })
export class ListNoteSignalRecordsHandler implements ClUseCaseHandler<ListNoteSignalRecordsQuery, SignalRecordPage> {
  async execute(query: ListNoteSignalRecordsQuery, { ctx, tx, audit, principal }: ClUseCase): Promise<SignalRecordPage> {
    assertSignalRecordRequest(query.filters, query.page);
    if (query.organizationId !== ctx.organizationId) throw new ForbiddenError('Records of another organization.');
    if (query.drillKey !== 'notes.unsigned' && query.drillKey !== 'notes.overdue') throw new ForbiddenError('Not a note drill-through.');
    const sites = drillSites(principal, ctx.organizationId, 'patients.view', audit);
    const { page, pageSize } = query.page;
    const now = Date.now();
    const { rows, total } = await unsignedNoteRecords(
      tx,
      ctx.organizationId,
      query.filters,
      query.drillKey === 'notes.overdue',
      sites,
      (page - 1) * pageSize,
      pageSize,
    );
    audit.scope({
      drillKey: query.drillKey,
      filters: filterNames(query.filters),
      total,
      page,
      pageSize,
      resultNoteIds: rows.map((r) => r.id),
      resultPatientIds: [...new Set(rows.map((r) => r.patient_id))],
    });
    return pageOfRows(
      COLUMNS,
      rows.map((r) => ({
        id: r.id,
        cells: {
          sessionStart: r.session_start.toISOString(),
          sessionEnd: r.session_end.toISOString(),
          hoursSinceSession: Math.floor((now - r.session_end.getTime()) / 3_600_000),
          authorId: r.author_id,
          siteId: r.site_id,
          patientId: r.patient_id,
        },
        withheld: null,
        link: `/patients/${r.patient_id}`,
      })),
      total,
      query.page,
    );
  }
}
