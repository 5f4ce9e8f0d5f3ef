import { randomUUID } from 'node:crypto';
import { CommandHandler, QueryBus } from '@nestjs/cqrs';

import { GetPatientReferenceQuery } from '@cairn/platform/clinical';
import { RuleViolationError } from '@cairn/platform/http';
import { OutboxPublisher } from '@cairn/platform/messaging';
import { PM_APPOINTMENT_BOOKED_V1 } from '@cairn/platform/scheduling';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { checkPeriod } from '../../domain/appointment.rules';
import { AppointmentView, toAppointmentView } from '../../domain/appointment.view';
import { assertProvider, assertServiceType, assertSiteManaged } from '../../infrastructure/appointment.repository';
import { BookAppointmentCommand } from './book-appointment.command';

@CommandHandler(BookAppointmentCommand)
@TenantUseCase(BookAppointmentCommand, { audit: { action: 'appointment.create', resource: 'appointment' } })
export class BookAppointmentHandler implements PmUseCaseHandler<BookAppointmentCommand, AppointmentView> {
  constructor(
    private readonly queries: QueryBus,
    private readonly outbox: OutboxPublisher,
  ) {}

  async execute({ input }: BookAppointmentCommand, { ctx, tx, audit }: PmUseCase): Promise<AppointmentView> {
    assertSiteManaged(ctx, input.siteId);
    const startAt = new Date(input.startAt);
    const endAt = new Date(input.endAt);
    checkPeriod(startAt, endAt);
    const site = await tx.site.findUnique({
      where: { organizationId_id: { organizationId: ctx.organizationId, id: input.siteId } },
      select: { id: true },
    });
    if (!site)
      throw new RuleViolationError('siteId is not a site of this organization.', [
        { field: 'siteId', message: 'siteId is not a site of this organization' },
      ]);
    // CL resolves the patient (under the caller's scope, audited): PM never reads CL's tables.
    const patient = await this.queries.execute(new GetPatientReferenceQuery(input.patientId));
    if (!patient)
      throw new RuleViolationError('patientId is not a patient in your scope.', [
        { field: 'patientId', message: 'patientId is not a patient in your scope' },
      ]);
    await assertProvider(tx, ctx.organizationId, input.providerId);
    await assertServiceType(tx, ctx.organizationId, input.serviceType);
    const created = await tx.appointment.create({
      data: {
        organizationId: ctx.organizationId,
        id: randomUUID(),
        siteId: input.siteId,
        providerId: input.providerId,
        patientId: input.patientId,
        serviceType: input.serviceType,
        startAt,
        endAt,
        status: 'scheduled',
        statusChangedBy: ctx.userId,
        createdBy: ctx.userId,
      },
    });
    audit
      .set({ resourceId: created.id, patientId: created.patientId })
      .scope({ siteId: created.siteId, providerId: created.providerId, serviceType: created.serviceType });
    // The integration event commits with the booking or not at all (transactional outbox); ids and facts only.
    await this.outbox.publish(PM_APPOINTMENT_BOOKED_V1, ctx.organizationId, {
      organization_id: created.organizationId,
      appointment_id: created.id,
      site_id: created.siteId,
      provider_id: created.providerId,
      service_type: created.serviceType,
      start_at: created.startAt.toISOString(),
      end_at: created.endAt.toISOString(),
      booked_by: ctx.userId,
      booked_at: created.createdAt.toISOString(),
    });
    return toAppointmentView(created);
  }
}
