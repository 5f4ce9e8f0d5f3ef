import { QueryHandler } from '@nestjs/cqrs';

import { ForbiddenError } from '@cairn/platform/kernel';
import {
  assertSignalRecordRequest,
  ListAppointmentSignalRecordsQuery,
  SignalRecordPage,
  SignalRecordRow,
} from '@cairn/platform/performance-signals';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { drillSites, pageOfRows } from '../../domain/drill-through.rules';
import { appointmentRecordCount, appointmentRecords } from '../../infrastructure/performance-signals.repository';

const STATUSES: Record<string, string[] | null> = {
  'appointments.today': null,
  'appointments.no-show': ['no_show'],
  'appointments.cancelled': ['cancelled', 'late_cancelled'],
};

const COLUMNS = [
  { key: 'startAt', label: 'Starts' },
  { key: 'endAt', label: 'Ends' },
  { key: 'status', label: 'Status' },
  { key: 'cancelledBy', label: 'Cancelled by' },
  { key: 'serviceType', label: 'Service' },
  { key: 'providerId', label: 'Provider' },
  { key: 'siteId', label: 'Site' },
  { key: 'patientId', label: 'Patient' },
];

/**
 * The appointments behind appointments.today, appointments.no-show and appointments.cancelled, with PM's own rules:
 * pm.appointments.view at the appointment's site (as GET /pm/appointments/:id), row-level security on the caller's
 * sites, and an audit row like PM's appointment reads naming every appointment and patient listed. Appointments
 * are not Part 2 records in PM (no row is withheld). The link opens the patient's chart in the staff web (it has no
 * appointment page yet). Read-only.
 */
@QueryHandler(ListAppointmentSignalRecordsQuery)
@TenantUseCase(ListAppointmentSignalRecordsQuery, { audit: { action: 'appointment.list', resource: 'appointment' } })
export class ListAppointmentSignalRecordsHandler implements PmUseCaseHandler<ListAppointmentSignalRecordsQuery, SignalRecordPage> {
  async execute(query: ListAppointmentSignalRecordsQuery, { ctx, tx, audit, principal }: PmUseCase): Promise<SignalRecordPage> {
    assertSignalRecordRequest(query.filters, query.page);
    if (query.organizationId !== ctx.organizationId) throw new ForbiddenError('Records of another organization.');
    const statuses = STATUSES[query.drillKey];
    if (statuses === undefined) throw new ForbiddenError('PM does not answer this drill-through.');
    const sites = drillSites(principal, ctx.organizationId, 'pm.appointments.view', audit);
    const { page, pageSize } = query.page;
    const rows = await appointmentRecords(tx, ctx.organizationId, query.filters, statuses, sites, (page - 1) * pageSize, pageSize);
    const total = rows[0]?.total ?? (await appointmentRecordCount(tx, ctx.organizationId, query.filters, statuses, sites));
    const out: SignalRecordRow[] = rows.map((r) => ({
      id: r.id,
      cells: {
        startAt: r.start_at.toISOString(),
        endAt: r.end_at.toISOString(),
        status: r.status,
        cancelledBy: r.cancelled_by,
        serviceType: r.service_type,
        providerId: r.provider_id,
        siteId: r.site_id,
        patientId: r.patient_id,
      },
      withheld: null,
      link: `/patients/${r.patient_id}`,
    }));
    audit.scope({
      drillKey: query.drillKey,
      filters: Object.keys(query.filters).filter((k) => query.filters[k as keyof typeof query.filters] !== undefined),
      total,
      page,
      pageSize,
      resultAppointmentIds: rows.map((r) => r.id),
      resultPatientIds: [...new Set(rows.map((r) => r.patient_id))],
    });
    return pageOfRows(COLUMNS, out, total, query.page);
  }
}
