import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { DsUseCase, DsUseCaseHandler } from '../../../dashboards.tx';
import { exportAllowed } from '../../domain/export-permission.rules';
import { CheckExportPermissionQuery, type ExportPermissionCheck } from './check-export-permission.query';

@QueryHandler(CheckExportPermissionQuery)
@TenantUseCase(CheckExportPermissionQuery, {
  audit: false,
  reason: 'answered only inside the export use case, which audits the export or its denial as a dashboard audit event',
})
export class CheckExportPermissionHandler implements DsUseCaseHandler<CheckExportPermissionQuery, ExportPermissionCheck> {
  async execute(_q: CheckExportPermissionQuery, { ctx, tx, principal }: DsUseCase): Promise<ExportPermissionCheck> {
    if (!principal) return { allowed: false, reason: 'no signed-in staff user', roles: [] };
    const rows = await tx.dsExportPermission.findMany({ where: { organizationId: ctx.organizationId } });
    const grants = principal.grants.filter((g) => g.organizationId === ctx.organizationId);
    return exportAllowed(grants, new Map(rows.map((r) => [r.roleKey, r.allowed])));
  }
}
