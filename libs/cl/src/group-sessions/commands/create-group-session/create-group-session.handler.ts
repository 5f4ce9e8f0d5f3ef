import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { RuleViolationError } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
import { loadGroupSession } from '../../group-session-reader';
import { sessionLength } from '../../group-session-rules';
import { CreateGroupSessionCommand } from './create-group-session.command';

const rule = (field: string, message: string) => new RuleViolationError(message, [{ field, message }]);

@CommandHandler(CreateGroupSessionCommand)
export class CreateGroupSessionHandler implements ICommandHandler<CreateGroupSessionCommand> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ input }: CreateGroupSessionCommand) {
    const ctx = this.requestContext.requireTenant();
    sessionLength(input.startTime, input.endTime);
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      // Row-level security: only groups at the caller's sites.
      const group = await tx.group.findUnique({ where: { organizationId_id: { organizationId: ctx.organizationId, id: input.groupId } } });
      if (!group) {
        await this.audit.record({ action: 'group-session.create', resourceType: 'group_session', outcome: 'not_found', scope: { groupId: input.groupId } });
        return null;
      }
      if (!group.active) throw rule('groupId', 'the group is inactive');
      // The facilitator must be one of the group's facilitators (each holds a clinical role at the site, checked
      // when the group was defined).
      const facilitatorId = input.facilitatorId ?? (group.facilitatorIds.includes(ctx.userId) ? ctx.userId : undefined);
      if (!facilitatorId) throw rule('facilitatorId', 'facilitatorId is required when you do not facilitate this group');
      if (!group.facilitatorIds.includes(facilitatorId)) throw rule('facilitatorId', 'facilitatorId is not a facilitator of this group');
      const id = randomUUID();
      await tx.groupSession.create({
        data: {
          organizationId: ctx.organizationId, id, groupId: group.id, siteId: group.siteId, sessionDate: new Date(`${input.sessionDate}T00:00:00Z`),
          startTime: input.startTime, endTime: input.endTime, facilitatorId, modality: input.modality ?? group.defaultModality,
          note: input.note ?? '', createdBy: ctx.userId,
        },
      });
      await this.audit.record({
        action: 'group-session.create', resourceType: 'group_session', resourceId: id, outcome: 'success',
        scope: { groupId: group.id, siteId: group.siteId, ...(group.sudProgram ? { part2: true } : {}) },
      });
      return (await loadGroupSession(tx, ctx.organizationId, id))!.view;
    });
  }
}
