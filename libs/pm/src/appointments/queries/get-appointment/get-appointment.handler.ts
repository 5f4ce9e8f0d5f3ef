import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { AppointmentView, toAppointmentView } from '../../appointment.view';
import { GetAppointmentQuery } from './get-appointment.query';

@QueryHandler(GetAppointmentQuery)
export class GetAppointmentHandler implements IQueryHandler<GetAppointmentQuery, AppointmentView | null> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ appointmentId }: GetAppointmentQuery): Promise<AppointmentView | null> {
    const ctx = this.requestContext.requireTenant();
    return this.txHost.withTransaction(async () => {
      const a = await this.txHost.tx.appointment.findUnique({ where: { organizationId_id: { organizationId: ctx.organizationId, id: appointmentId } } });
      await this.audit.record({
        action: 'appointment.read', resourceType: 'appointment', resourceId: appointmentId, patientId: a?.patientId ?? null, outcome: a ? 'success' : 'not_found',
      });
      return a ? toAppointmentView(a) : null;
    });
  }
}
