import { CommandHandler } from '@nestjs/cqrs';

import { ForbiddenError, NotFoundError, RuleViolationError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { DsUseCase, DsUseCaseHandler } from '../../../dashboards.tx';
import { GROUP_VIEW_KEY, validateLayout } from '../../../definitions/domain/view-definition.rules';
import { loadViewDefinitions } from '../../../definitions/infrastructure/definitions.repository';
import { callerOf } from '../../domain/caller.rules';
import { SaveLayoutCommand, type LayoutView } from './save-layout.command';

@CommandHandler(SaveLayoutCommand)
@TenantUseCase(SaveLayoutCommand, { audit: false, reason: "a user's own order and hidden tiles of a view: no PHI, no figures" })
export class SaveLayoutHandler implements DsUseCaseHandler<SaveLayoutCommand, LayoutView> {
  async execute(cmd: SaveLayoutCommand, { ctx, tx, principal }: DsUseCase): Promise<LayoutView> {
    if (!principal) throw new ForbiddenError('Layouts belong to a signed-in staff user.');
    const caller = callerOf(principal, ctx.organizationId);
    const view = (await loadViewDefinitions(tx, ctx.organizationId)).find((v) => v.viewKey === cmd.viewKey);
    if (!view || view.viewKey === GROUP_VIEW_KEY) throw new NotFoundError('No such dashboard view with a layout.');
    if (!view.roleBinding.some((r) => caller.roles.includes(r))) throw new ForbiddenError('This dashboard view is not bound to your role.');
    if (!view.userLayoutEnabled)
      throw new RuleViolationError('Your practice has not enabled personal layouts for this view.', [
        { field: 'viewId', message: 'personal layouts are off for this view' },
      ]);
    const layout = validateLayout(view, { metricOrder: cmd.metricOrder, hiddenMetrics: cmd.hiddenMetrics });
    await tx.dsUserLayout.upsert({
      where: { organizationId_staffUserId_viewKey: { organizationId: ctx.organizationId, staffUserId: ctx.userId, viewKey: view.viewKey } },
      create: { organizationId: ctx.organizationId, staffUserId: ctx.userId, viewKey: view.viewKey, ...layout },
      update: layout,
    });
    return { viewKey: view.viewKey, ...layout };
  }
}
