import { randomUUID } from 'node:crypto';
import { CommandBus, CommandHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import { RecordPortalNotificationCommand } from '../../../notifications/commands/record-portal-notification/record-portal-notification.command';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { crisisWindowStart, decideCrisisOpen } from '../../domain/crisis-episode.rules';
import { OpenedCrisisToolkitView, toCrisisToolkitView } from '../../domain/crisis-toolkit.view';
import { CrisisToolkitRepository } from '../../infrastructure/crisis-toolkit.repository';
import { OpenCrisisToolkitCommand } from './open-crisis-toolkit.command';

/**
 * Logs the open, then applies the episode rule: the third open within 7 days raises one alert (a crisis_alert row,
 * which the therapist and the admins' high-risk list see, and a notification for the therapist); later opens of a
 * live episode extend it. The client's answer is the toolkit only, the same whatever the rule decided: nothing is
 * ever done to the client automatically.
 */
@CommandHandler(OpenCrisisToolkitCommand)
@TenantUseCase(OpenCrisisToolkitCommand, {
  audit: { action: 'portal.crisis-toolkit.open', resource: 'crisis_toolkit', patient: (c) => c.patientId },
})
export class OpenCrisisToolkitHandler implements PortalUseCaseHandler<OpenCrisisToolkitCommand, OpenedCrisisToolkitView> {
  constructor(
    private readonly repo: CrisisToolkitRepository,
    private readonly commands: CommandBus,
  ) {}

  async execute({ patientId }: OpenCrisisToolkitCommand, { ctx, tx, audit }: PortalUseCase): Promise<OpenedCrisisToolkitView> {
    const organizationId = ctx.organizationId;
    await this.repo.lockClientOpens(tx, organizationId, patientId);
    const now = new Date();
    const [earlier, latest, toolkit] = await Promise.all([
      tx.crisisToolkitOpen.findMany({
        where: { organizationId, patientId, alertId: null, openedAt: { gt: crisisWindowStart(now) } },
        select: { openedAt: true },
      }),
      tx.crisisAlert.findFirst({ where: { organizationId, patientId }, orderBy: { lastOpenAt: 'desc' } }),
      tx.crisisToolkit.findUnique({ where: { organizationId_patientId: { organizationId, patientId } } }),
    ]);
    const decision = decideCrisisOpen(
      now,
      earlier.map((o) => o.openedAt),
      latest,
    );
    const openId = randomUUID();
    let alertId: string | null = null;
    if (decision.kind === 'extend') {
      alertId = decision.alertId;
      await tx.crisisAlert.update({
        where: { organizationId_id: { organizationId, id: alertId } },
        data: { lastOpenAt: now, openCount: { increment: 1 } },
      });
    } else if (decision.kind === 'raise') {
      alertId = randomUUID();
      await tx.crisisAlert.create({
        data: {
          organizationId,
          id: alertId,
          patientId,
          firstOpenAt: decision.firstOpenAt,
          raisedAt: now,
          lastOpenAt: now,
          openCount: decision.openCount,
        },
      });
      await tx.crisisToolkitOpen.updateMany({
        where: { organizationId, patientId, alertId: null, openedAt: { gt: crisisWindowStart(now) } },
        data: { alertId },
      });
      await this.commands.execute(new RecordPortalNotificationCommand(patientId, 'crisis_toolkit.alert', 'crisis_alert', alertId));
    }
    await tx.crisisToolkitOpen.create({ data: { organizationId, id: openId, patientId, openedAt: now, alertId } });
    audit.set({ resourceId: openId }).scope({ episode: decision.kind, ...(alertId ? { alertId } : {}) });
    return toCrisisToolkitView(patientId, toolkit);
  }
}
