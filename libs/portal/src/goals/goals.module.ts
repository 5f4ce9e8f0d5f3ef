import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { CreateGoalHandler } from './commands/create-goal/create-goal.handler';
import { RecordGoalProgressHandler } from './commands/record-goal-progress/record-goal-progress.handler';
import { GoalsController } from './http/goals.controller';
import { GetGoalHandler } from './queries/get-goal/get-goal.handler';
import { GetGoalsSectionHandler } from './queries/get-goals-section/get-goals-section.handler';
import { ListGoalsHandler } from './queries/list-goals/list-goals.handler';

/** Therapeutic goals created together, with progress history. */
@Module({
  imports: [CqrsModule],
  controllers: [GoalsController],
  providers: [GetGoalsSectionHandler, CreateGoalHandler, RecordGoalProgressHandler, ListGoalsHandler, GetGoalHandler],
})
export class GoalsModule {}
