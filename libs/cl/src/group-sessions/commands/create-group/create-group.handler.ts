import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { ForbiddenError, RuleViolationError } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
import { assertFacilitators } from '../../group-checks';
import { toGroupView } from '../../group-session.view';
import { CreateGroupCommand } from './create-group.command';

@CommandHandler(CreateGroupCommand)
export class CreateGroupHandler implements ICommandHandler<CreateGroupCommand> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ input }: CreateGroupCommand) {
    const ctx = this.requestContext.requireTenant();
    if (ctx.siteIds !== 'all' && !ctx.siteIds.includes(input.siteId)) throw new ForbiddenError('You do not manage groups at this site.');
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const site = await tx.site.findUnique({ where: { organizationId_id: { organizationId: ctx.organizationId, id: input.siteId } }, select: { id: true } });
      if (!site) throw new RuleViolationError('siteId is not a site of this organization.', [{ field: 'siteId', message: 'siteId is not a site of this organization' }]);
      const facilitatorIds = await assertFacilitators(tx, ctx.organizationId, input.siteId, input.facilitatorIds);
      const group = await tx.group.create({
        data: {
          organizationId: ctx.organizationId, id: randomUUID(), siteId: input.siteId, name: input.name.trim(), groupType: input.groupType,
          sudProgram: input.sudProgram, defaultModality: input.defaultModality ?? 'in_person', facilitatorIds, createdBy: ctx.userId,
        },
      });
      await this.audit.record({
        action: 'group.create', resourceType: 'group', resourceId: group.id, outcome: 'success',
        scope: { siteId: group.siteId, groupType: group.groupType, sudProgram: group.sudProgram, facilitatorIds },
      });
      return toGroupView(group);
    });
  }
}
