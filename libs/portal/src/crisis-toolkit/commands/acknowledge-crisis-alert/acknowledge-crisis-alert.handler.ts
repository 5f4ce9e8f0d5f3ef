import { CommandHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { CrisisAlertView, toCrisisAlertView } from '../../domain/crisis-toolkit.view';
import { CrisisToolkitRepository } from '../../infrastructure/crisis-toolkit.repository';
import { AcknowledgeCrisisAlertCommand } from './acknowledge-crisis-alert.command';

/** Idempotent: a second acknowledgement keeps the first one's time and author. */
@CommandHandler(AcknowledgeCrisisAlertCommand)
@TenantUseCase(AcknowledgeCrisisAlertCommand, {
  audit: { action: 'portal.crisis-alert.acknowledge', resource: 'crisis_alert', id: (c) => c.alertId, patient: (c) => c.patientId },
})
export class AcknowledgeCrisisAlertHandler implements PortalUseCaseHandler<AcknowledgeCrisisAlertCommand, CrisisAlertView | null> {
  constructor(private readonly repo: CrisisToolkitRepository) {}

  async execute({ patientId, alertId }: AcknowledgeCrisisAlertCommand, { ctx, tx }: PortalUseCase): Promise<CrisisAlertView | null> {
    const organizationId = ctx.organizationId;
    const alert = await tx.crisisAlert.findFirst({ where: { organizationId, id: alertId, patientId } });
    if (!alert || !(await this.repo.staffMayWrite(tx, organizationId, patientId))) return null;
    const row = alert.acknowledgedAt
      ? alert
      : await tx.crisisAlert.update({
          where: { organizationId_id: { organizationId, id: alertId } },
          data: { acknowledgedAt: new Date(), acknowledgedBy: ctx.userId },
        });
    return toCrisisAlertView(row, new Date());
  }
}
