import { randomUUID } from 'node:crypto';
import { CommandBus, CommandHandler } from '@nestjs/cqrs';

import { calendarDay, ConflictError } from '@cairn/platform/kernel';
import { TenantUseCase } from '@cairn/platform/use-case';

import { dayIn } from '../../../mood/domain/mood.rules';
import { RecordPortalNotificationCommand } from '../../../notifications/commands/record-portal-notification/record-portal-notification.command';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { isOpen, PortalPromptView, toPortalPromptView } from '../../domain/portal-prompt.view';
import { AnswerPortalPromptCommand } from './answer-portal-prompt.command';

/** Stores the answer, closes an answered check-in, and tells the clinician (`check_in.answered` / `prompt.answered`). */
@CommandHandler(AnswerPortalPromptCommand)
@TenantUseCase(AnswerPortalPromptCommand, {
  audit: { action: 'portal.prompt.answer', resource: 'portal_prompt', id: (c) => c.promptId, patient: (c) => c.patientId },
})
export class AnswerPortalPromptHandler implements PortalUseCaseHandler<AnswerPortalPromptCommand, PortalPromptView | null> {
  constructor(private readonly commands: CommandBus) {}

  async execute(cmd: AnswerPortalPromptCommand, { ctx, tx, audit }: PortalUseCase): Promise<PortalPromptView | null> {
    const organizationId = ctx.organizationId;
    const prompt = await tx.dailyPrompt.findUnique({ where: { organizationId_id: { organizationId, id: cmd.promptId } } });
    if (!prompt || prompt.patientId !== cmd.patientId) return null;
    const org = await tx.organization.findUnique({ where: { id: organizationId }, select: { timezone: true } });
    const now = new Date();
    const today = dayIn(org?.timezone ?? 'UTC', now);
    const before = await tx.promptResponse.findMany({ where: { organizationId, promptId: prompt.id } });
    if (!isOpen(prompt, before, today, now)) {
      throw audit.refuse(
        'not_open',
        new ConflictError('This prompt is not open for an answer now (closed, not yet available, or already answered).'),
        'failure',
      );
    }
    const response = await tx.promptResponse.create({
      data: {
        organizationId,
        id: randomUUID(),
        patientId: cmd.patientId,
        promptId: prompt.id,
        responseDate: calendarDay(today),
        body: cmd.body,
      },
    });
    const closed =
      prompt.kind === 'check_in'
        ? await tx.dailyPrompt.update({ where: { organizationId_id: { organizationId, id: prompt.id } }, data: { closedAt: now } })
        : prompt;
    await this.commands.execute(
      new RecordPortalNotificationCommand(
        cmd.patientId,
        prompt.kind === 'check_in' ? 'check_in.answered' : 'prompt.answered',
        'portal_prompt',
        prompt.id,
      ),
    );
    audit.scope({ kind: prompt.kind, responseId: response.id });
    return toPortalPromptView(closed, [...before, response], today, now);
  }
}
