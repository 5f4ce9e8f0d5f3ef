import { Module, OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { PortalActivitySections } from '../activity/domain/portal-activity-sections.service';
import { CreateGoalHandler } from './commands/create-goal/create-goal.handler';
import { RecordGoalProgressHandler } from './commands/record-goal-progress/record-goal-progress.handler';
import { GoalsController } from './http/goals.controller';
import { GoalsRepository } from './infrastructure/goals.repository';
import { GetGoalHandler } from './queries/get-goal/get-goal.handler';
import { GetGoalsSectionHandler } from './queries/get-goals-section/get-goals-section.handler';
import { ListGoalsHandler } from './queries/list-goals/list-goals.handler';

/** Therapeutic goals created together, with progress history. */
@Module({
  imports: [CqrsModule],
  controllers: [GoalsController],
  providers: [GoalsRepository, GetGoalsSectionHandler, CreateGoalHandler, RecordGoalProgressHandler, ListGoalsHandler, GetGoalHandler],
})
export class GoalsModule implements OnModuleInit {
  constructor(
    private readonly sections: PortalActivitySections,
    private readonly repo: GoalsRepository,
  ) {}

  /** "Therapeutic goals progress" on the portal-activity tab, and the client's goals on the dashboard. */
  onModuleInit(): void {
    this.sections.register({
      key: 'goals',
      audiences: ['staff', 'client'],
      read: ({ tx, organizationId, patientId }) => this.repo.section(tx, organizationId, patientId),
    });
  }
}
