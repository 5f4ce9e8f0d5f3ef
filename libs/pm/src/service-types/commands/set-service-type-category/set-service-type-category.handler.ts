import { CommandHandler } from '@nestjs/cqrs';

import { InvalidInputError } from '@cairn/platform/http';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { ServiceTypeView, toServiceTypeView } from '../../domain/service-type.view';
import { SetServiceTypeCategoryCommand } from './set-service-type-category.command';

@CommandHandler(SetServiceTypeCategoryCommand)
@TenantUseCase(SetServiceTypeCategoryCommand, { audit: { action: 'service-type.update', resource: 'service_type', id: (c) => c.code } })
export class SetServiceTypeCategoryHandler implements PmUseCaseHandler<SetServiceTypeCategoryCommand, ServiceTypeView> {
  async execute(cmd: SetServiceTypeCategoryCommand, { ctx, tx, audit }: PmUseCase): Promise<ServiceTypeView> {
    const key = { organizationId_code: { organizationId: ctx.organizationId, code: cmd.code } };
    const current = await tx.serviceType.findUnique({ where: key });
    if (!current && !cmd.name)
      throw new InvalidInputError('name is required for a new service type', [
        { field: 'name', message: 'name is required for a new service type' },
      ]);
    const saved = current
      ? await tx.serviceType.update({
          where: key,
          data: { category: cmd.category, name: cmd.name ?? current.name, active: cmd.active ?? current.active, updatedBy: ctx.userId },
        })
      : await tx.serviceType.create({
          data: {
            organizationId: ctx.organizationId,
            code: cmd.code,
            name: cmd.name!,
            category: cmd.category,
            active: cmd.active ?? true,
            updatedBy: ctx.userId,
          },
        });
    audit
      .set({ action: current ? 'service-type.update' : 'service-type.create' })
      .scope({ from: current?.category ?? null, to: saved.category });
    return toServiceTypeView(saved);
  }
}
