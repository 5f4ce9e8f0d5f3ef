import type { TenantContext } from '@cairn/platform/db';
import { ForbiddenError, RuleViolationError } from '@cairn/platform/kernel';
import type { PatientAppointment } from '@cairn/platform/scheduling';

import type { PmTx } from '../../pm.tx';

type Tx = PmTx;

export function assertSiteManaged(ctx: TenantContext, siteId: string): void {
  if (ctx.siteIds !== 'all' && !ctx.siteIds.includes(siteId)) {
    throw new ForbiddenError('You do not manage appointments at that site.', [
      { field: 'siteId', message: 'not a site you hold pm.appointments.manage at' },
    ]);
  }
}

/** The provider must hold an active clinical role binding in the organization. */
export async function assertProvider(tx: Tx, organizationId: string, providerId: string): Promise<void> {
  const binding = await tx.roleBinding.findFirst({
    where: { organizationId, staffUserId: providerId, revokedAt: null },
    select: { id: true },
  });
  if (!binding)
    throw new RuleViolationError('providerId is not a staff member of this organization.', [
      { field: 'providerId', message: 'providerId is not a staff member of this organization' },
    ]);
}

export async function assertServiceType(tx: Tx, organizationId: string, code: string): Promise<void> {
  const st = await tx.serviceType.findUnique({ where: { organizationId_code: { organizationId, code } }, select: { active: true } });
  if (!st?.active)
    throw new RuleViolationError('serviceType is not an active service type of this organization.', [
      { field: 'serviceType', message: 'serviceType is not an active service type of this organization' },
    ]);
}

/** A patient's appointments through pm_patient_appointments (staff: permitted sites; a portal client: its own). */
export async function patientAppointments(tx: Tx, patientId: string, from: Date, to: Date): Promise<PatientAppointment[]> {
  const rows = await tx.$queryRaw<
    {
      id: string;
      start_at: Date;
      end_at: Date;
      status: string;
      service_type: string;
      provider_id: string;
      provider_name: string | null;
      site_id: string;
      site_name: string;
    }[]
  >`SELECT id, start_at, end_at, status, service_type, provider_id, provider_name, site_id, site_name
    FROM pm_patient_appointments(${patientId}::uuid, ${from}::timestamptz, ${to}::timestamptz)`;
  return rows.map((r) => ({
    appointmentId: r.id,
    startAt: r.start_at.toISOString(),
    endAt: r.end_at.toISOString(),
    status: r.status,
    serviceType: r.service_type,
    providerId: r.provider_id,
    providerName: r.provider_name,
    siteId: r.site_id,
    siteName: r.site_name,
  }));
}
