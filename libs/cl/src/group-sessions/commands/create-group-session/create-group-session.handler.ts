import { randomUUID } from 'node:crypto';
import { CommandHandler } from '@nestjs/cqrs';

import { RuleViolationError } from '@cairn/platform/http';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { sessionLength } from '../../domain/group-session.rules';
import type { GroupSessionView } from '../../domain/group-session.view';
import { loadGroupSession } from '../../infrastructure/group-session.repository';
import { CreateGroupSessionCommand } from './create-group-session.command';

const rule = (field: string, message: string) => new RuleViolationError(message, [{ field, message }]);

@CommandHandler(CreateGroupSessionCommand)
@TenantUseCase(CreateGroupSessionCommand, { audit: { action: 'group-session.create', resource: 'group_session' } })
export class CreateGroupSessionHandler implements ClUseCaseHandler<CreateGroupSessionCommand, GroupSessionView | null> {
  async execute({ input }: CreateGroupSessionCommand, { ctx, tx, audit }: ClUseCase): Promise<GroupSessionView | null> {
    sessionLength(input.startTime, input.endTime);
    // Row-level security: only groups at the caller's sites.
    const group = await tx.group.findUnique({ where: { organizationId_id: { organizationId: ctx.organizationId, id: input.groupId } } });
    if (!group) {
      audit.scope({ groupId: input.groupId });
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
        organizationId: ctx.organizationId,
        id,
        groupId: group.id,
        siteId: group.siteId,
        sessionDate: new Date(`${input.sessionDate}T00:00:00Z`),
        startTime: input.startTime,
        endTime: input.endTime,
        facilitatorId,
        modality: input.modality ?? group.defaultModality,
        note: input.note ?? '',
        createdBy: ctx.userId,
      },
    });
    audit.set({ resourceId: id }).scope({ groupId: group.id, siteId: group.siteId, ...(group.sudProgram ? { part2: true } : {}) });
    return (await loadGroupSession(tx, ctx.organizationId, id))!.view;
  }
}
