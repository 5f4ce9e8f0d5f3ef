import { CommandHandler, QueryBus } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import {
  GetPortalRelationshipQuery,
  staffWrites,
} from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { CrisisAlertView, toCrisisAlertView } from '../../domain/crisis-toolkit.view';
import { AcknowledgeCrisisAlertCommand } from './acknowledge-crisis-alert.command';

/** Idempotent: a second acknowledgement keeps the first one's time and author. */
@CommandHandler(AcknowledgeCrisisAlertCommand)
@TenantUseCase(AcknowledgeCrisisAlertCommand, {
  audit: { action: 'portal.crisis-alert.acknowledge', resource: 'crisis_alert', id: (c) => c.alertId, patient: (c) => c.patientId },
})
export class AcknowledgeCrisisAlertHandler implements PortalUseCaseHandler<AcknowledgeCrisisAlertCommand, CrisisAlertView | null> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ patientId, alertId }: AcknowledgeCrisisAlertCommand, { ctx, tx }: PortalUseCase): Promise<CrisisAlertView | null> {
    const organizationId = ctx.organizationId;
    const alert = await tx.crisisAlert.findFirst({ where: { organizationId, id: alertId, patientId } });
    if (!alert || !staffWrites(await this.queries.execute(new GetPortalRelationshipQuery(patientId)))) return null;
    const row = alert.acknowledgedAt
      ? alert
      : await tx.crisisAlert.update({
          where: { organizationId_id: { organizationId, id: alertId } },
          data: { acknowledgedAt: new Date(), acknowledgedBy: ctx.userId },
        });
    return toCrisisAlertView(row, new Date());
  }
}
