import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AnswerPortalPromptHandler } from './commands/answer-portal-prompt/answer-portal-prompt.handler';
import { CreatePortalPromptHandler } from './commands/create-portal-prompt/create-portal-prompt.handler';
import { ClientPromptsController, PatientPromptsController } from './http/prompts.controller';
import { ListPortalPromptsHandler } from './queries/list-portal-prompts/list-portal-prompts.handler';

/** Daily prompts and scheduled check-ins (seed §5 "EHR -> Portal" 2, scenario 1). */
@Module({
  imports: [CqrsModule],
  controllers: [ClientPromptsController, PatientPromptsController],
  providers: [CreatePortalPromptHandler, AnswerPortalPromptHandler, ListPortalPromptsHandler],
})
export class PromptsModule {}
