import { randomUUID } from 'node:crypto';
import { CommandBus, CommandHandler, QueryBus } from '@nestjs/cqrs';

import { calendarDay, InvalidInputError, NotFoundError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import { dayIn } from '../../../mood/domain/mood.rules';
import { RecordClientNotificationCommand } from '../../../notifications/commands/record-client-notification/record-client-notification.command';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { PortalPromptView, toPortalPromptView } from '../../domain/portal-prompt.view';
import { CreatePortalPromptCommand } from './create-portal-prompt.command';

/** Only the patient's current primary therapist or a portal admin: anyone else gets 404 (the policy refuses it anyway). */
@CommandHandler(CreatePortalPromptCommand)
@TenantUseCase(CreatePortalPromptCommand, {
  audit: { action: 'portal.prompt.create', resource: 'portal_prompt', patient: (c) => c.patientId },
})
export class CreatePortalPromptHandler implements PortalUseCaseHandler<CreatePortalPromptCommand, PortalPromptView> {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  async execute({ patientId, input }: CreatePortalPromptCommand, { ctx, tx, audit }: PortalUseCase): Promise<PortalPromptView> {
    const relationship = await this.queries.execute(new GetPortalRelationshipQuery(patientId));
    if (relationship !== 'primary_therapist' && relationship !== 'admin') throw new NotFoundError('No patient with that id in your scope.');
    const now = new Date();
    const availableFrom = input.availableFrom ? new Date(input.availableFrom) : now;
    const org = await tx.organization.findUnique({ where: { id: ctx.organizationId }, select: { timezone: true } });
    const today = dayIn(org?.timezone ?? 'UTC', now);
    if (input.endsOn && input.endsOn < dayIn(org?.timezone ?? 'UTC', availableFrom))
      throw new InvalidInputError('endsOn is before the prompt becomes available.', [
        { field: 'endsOn', message: 'endsOn must not be before availableFrom' },
      ]);
    if (input.kind === 'check_in' && input.endsOn)
      throw new InvalidInputError('A check-in closes when answered; it has no last day.', [
        { field: 'endsOn', message: 'only a daily prompt has endsOn' },
      ]);
    const prompt = await tx.dailyPrompt.create({
      data: {
        organizationId: ctx.organizationId,
        id: randomUUID(),
        patientId,
        kind: input.kind,
        question: input.question,
        availableFrom,
        endsOn: input.endsOn ? calendarDay(input.endsOn) : null,
        createdBy: ctx.userId,
      },
    });
    await this.commands.execute(new RecordClientNotificationCommand(patientId, 'prompt.received', prompt.id));
    audit.set({ resourceId: prompt.id }).scope({ kind: prompt.kind });
    return toPortalPromptView(prompt, [], today, now);
  }
}
