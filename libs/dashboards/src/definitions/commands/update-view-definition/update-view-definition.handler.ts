import { CommandHandler } from '@nestjs/cqrs';

import { NotFoundError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { DsUseCase, DsUseCaseHandler } from '../../../dashboards.tx';
import type { ViewDefinitionView } from '../../domain/definition.view';
import { validateViewChange } from '../../domain/view-definition.rules';
import {
  appendDefinitionChange,
  loadViewDefinitions,
  organizationViewRow,
  platformViewRow,
} from '../../infrastructure/definitions.repository';
import { UpdateViewDefinitionCommand } from './update-view-definition.command';

@CommandHandler(UpdateViewDefinitionCommand)
@TenantUseCase(UpdateViewDefinitionCommand, {
  audit: { action: 'dashboards.view-definition.update', resource: 'dashboard_view_definition', id: () => null },
})
export class UpdateViewDefinitionHandler implements DsUseCaseHandler<UpdateViewDefinitionCommand, ViewDefinitionView> {
  async execute(cmd: UpdateViewDefinitionCommand, { ctx, tx, audit }: DsUseCase): Promise<ViewDefinitionView> {
    const change = validateViewChange(cmd.change);
    const org = ctx.organizationId;
    const platform = await platformViewRow(tx, cmd.viewKey);
    if (!platform) throw new NotFoundError('No such dashboard view.');
    const current = (await organizationViewRow(tx, org, cmd.viewKey)) ?? platform;
    const before = { enabledModules: current.enabledModules, userLayoutEnabled: current.userLayoutEnabled };
    if (current.organizationId === null) {
      await tx.dsViewDefinition.create({
        data: {
          id: crypto.randomUUID(),
          organizationId: org,
          viewKey: platform.viewKey,
          name: platform.name,
          roleBinding: platform.roleBinding,
          enabledModules: change.enabledModules ?? platform.enabledModules,
          permissionScope: platform.permissionScope,
          metricKeys: platform.metricKeys,
          coreMetricKeys: platform.coreMetricKeys,
          layoutVersion: platform.layoutVersion + 1,
          userLayoutEnabled: change.userLayoutEnabled ?? platform.userLayoutEnabled,
        },
      });
    } else {
      await tx.dsViewDefinition.update({
        where: { id: current.id },
        data: { ...change, layoutVersion: { increment: 1 } },
      });
    }
    const after = (await loadViewDefinitions(tx, org)).find((v) => v.viewKey === cmd.viewKey) as ViewDefinitionView;
    const changeId = await appendDefinitionChange(tx, org, {
      subjectType: 'view',
      subjectKey: cmd.viewKey,
      actorId: ctx.userId,
      before,
      after: { enabledModules: after.enabledModules, userLayoutEnabled: after.userLayoutEnabled },
    });
    audit.set({ resourceId: after.id }).scope({ viewKey: cmd.viewKey, fields: Object.keys(change), changeId });
    return after;
  }
}
