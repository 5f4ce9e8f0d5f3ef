import { CommandHandler } from '@nestjs/cqrs';

import { InvalidInputError } from '@cairn/platform/kernel';
import { ROLE_KEYS } from '@cairn/platform/tenancy';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { DsUseCase, DsUseCaseHandler } from '../../../dashboards.tx';
import type { ExportPermissionView } from '../../domain/definition.view';
import { appendDefinitionChange } from '../../infrastructure/definitions.repository';
import { SetExportPermissionCommand } from './set-export-permission.command';

@CommandHandler(SetExportPermissionCommand)
@TenantUseCase(SetExportPermissionCommand, {
  audit: { action: 'dashboards.export-permission.set', resource: 'dashboard_export_permission', id: () => null },
})
export class SetExportPermissionHandler implements DsUseCaseHandler<SetExportPermissionCommand, ExportPermissionView> {
  async execute(cmd: SetExportPermissionCommand, { ctx, tx, audit }: DsUseCase): Promise<ExportPermissionView> {
    if (!(ROLE_KEYS as readonly string[]).includes(cmd.roleKey))
      throw new InvalidInputError('Unknown role.', [{ field: 'roleKey', message: `one of ${ROLE_KEYS.join(', ')}` }]);
    const org = ctx.organizationId;
    const before = await tx.dsExportPermission.findUnique({
      where: { organizationId_roleKey: { organizationId: org, roleKey: cmd.roleKey } },
    });
    await tx.dsExportPermission.upsert({
      where: { organizationId_roleKey: { organizationId: org, roleKey: cmd.roleKey } },
      create: { organizationId: org, roleKey: cmd.roleKey, allowed: cmd.allowed, updatedBy: ctx.userId },
      update: { allowed: cmd.allowed, updatedBy: ctx.userId },
    });
    const changeId = await appendDefinitionChange(tx, org, {
      subjectType: 'export-permission',
      subjectKey: cmd.roleKey,
      actorId: ctx.userId,
      before: before ? { allowed: before.allowed } : null,
      after: { allowed: cmd.allowed },
    });
    audit.scope({ roleKey: cmd.roleKey, allowed: cmd.allowed, changeId });
    return { roleKey: cmd.roleKey, allowed: cmd.allowed };
  }
}
