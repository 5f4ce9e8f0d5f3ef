import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { InvalidInputError } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
import { toServiceTypeView } from '../../service-type.view';
import { SetServiceTypeCategoryCommand } from './set-service-type-category.command';

@CommandHandler(SetServiceTypeCategoryCommand)
export class SetServiceTypeCategoryHandler implements ICommandHandler<SetServiceTypeCategoryCommand> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute(cmd: SetServiceTypeCategoryCommand) {
    const ctx = this.requestContext.requireTenant();
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const key = { organizationId_code: { organizationId: ctx.organizationId, code: cmd.code } };
      const current = await tx.serviceType.findUnique({ where: key });
      if (!current && !cmd.name) throw new InvalidInputError('name is required for a new service type', [{ field: 'name', message: 'name is required for a new service type' }]);
      const saved = current
        ? await tx.serviceType.update({ where: key, data: { category: cmd.category, name: cmd.name ?? current.name, active: cmd.active ?? current.active, updatedBy: ctx.userId } })
        : await tx.serviceType.create({ data: { organizationId: ctx.organizationId, code: cmd.code, name: cmd.name!, category: cmd.category, active: cmd.active ?? true, updatedBy: ctx.userId } });
      await this.audit.record({
        action: current ? 'service-type.update' : 'service-type.create', resourceType: 'service_type', resourceId: cmd.code, outcome: 'success',
        scope: { from: current?.category ?? null, to: saved.category },
      });
      return toServiceTypeView(saved);
    });
  }
}
