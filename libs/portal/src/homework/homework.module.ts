import { Module, OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { PortalActivitySections } from '../activity/domain/portal-activity-sections.service';
import { FilesModule } from '../files/files.module';
import { AssignHomeworkHandler } from './commands/assign-homework/assign-homework.handler';
import { CancelHomeworkHandler } from './commands/cancel-homework/cancel-homework.handler';
import { CompleteHomeworkHandler } from './commands/complete-homework/complete-homework.handler';
import { ReviewHomeworkHandler } from './commands/review-homework/review-homework.handler';
import { HomeworkController } from './http/homework.controller';
import { HomeworkRepository } from './infrastructure/homework.repository';
import { GetHomeworkSectionHandler } from './queries/get-homework-section/get-homework-section.handler';
import { ListHomeworkHandler } from './queries/list-homework/list-homework.handler';

/** Homework (seed scenario 2). */
@Module({
  imports: [CqrsModule, FilesModule],
  controllers: [HomeworkController],
  providers: [
    GetHomeworkSectionHandler,
    HomeworkRepository,
    AssignHomeworkHandler,
    CompleteHomeworkHandler,
    ReviewHomeworkHandler,
    CancelHomeworkHandler,
    ListHomeworkHandler,
  ],
})
export class HomeworkModule implements OnModuleInit {
  constructor(
    private readonly sections: PortalActivitySections,
    private readonly repo: HomeworkRepository,
  ) {}

  /** "Homework completion status" on the therapist's portal-activity tab, and the homework due on the client's dashboard. */
  onModuleInit(): void {
    this.sections.register({
      key: 'homework',
      audiences: ['staff', 'client'],
      read: ({ tx, organizationId, patientId, today }) => this.repo.section(tx, organizationId, patientId, today),
    });
  }
}
