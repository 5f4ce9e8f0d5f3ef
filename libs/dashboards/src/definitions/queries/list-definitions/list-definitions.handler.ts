import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { DsUseCase, DsUseCaseHandler } from '../../../dashboards.tx';
import type { DefinitionsView } from '../../domain/definition.view';
import { loadMetricDefinitions, loadViewDefinitions } from '../../infrastructure/definitions.repository';
import { ListDefinitionsQuery } from './list-definitions.query';

@QueryHandler(ListDefinitionsQuery)
@TenantUseCase(ListDefinitionsQuery, {
  audit: false,
  reason: 'definitions of metrics and views: configuration, no PHI and no figures',
})
export class ListDefinitionsHandler implements DsUseCaseHandler<ListDefinitionsQuery, DefinitionsView> {
  async execute(_q: ListDefinitionsQuery, { ctx, tx }: DsUseCase): Promise<DefinitionsView> {
    const [metrics, views, exportRows] = await Promise.all([
      loadMetricDefinitions(tx, ctx.organizationId),
      loadViewDefinitions(tx, ctx.organizationId),
      tx.dsExportPermission.findMany({ where: { organizationId: ctx.organizationId }, orderBy: { roleKey: 'asc' } }),
    ]);
    return { metrics, views, exportPermissions: exportRows.map((r) => ({ roleKey: r.roleKey, allowed: r.allowed })) };
  }
}
