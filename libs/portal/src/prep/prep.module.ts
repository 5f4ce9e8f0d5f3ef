import { Module, OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { PortalActivitySections } from '../activity/domain/portal-activity-sections.service';
import { SubmitSessionPrepHandler } from './commands/submit-session-prep/submit-session-prep.handler';
import { PrepController } from './http/prep.controller';
import { SessionPrepRepository } from './infrastructure/session-prep.repository';
import { GetSessionPrepHandler } from './queries/get-session-prep/get-session-prep.handler';
import { ListSessionPrepsHandler } from './queries/list-session-preps/list-session-preps.handler';

/** Pre-session prep (seed §2.C). */
@Module({
  imports: [CqrsModule],
  controllers: [PrepController],
  providers: [SessionPrepRepository, SubmitSessionPrepHandler, GetSessionPrepHandler, ListSessionPrepsHandler],
})
export class PrepModule implements OnModuleInit {
  constructor(
    private readonly sections: PortalActivitySections,
    private readonly repo: SessionPrepRepository,
  ) {}

  /** "Pre-session prep notes for upcoming appointments" on the therapist's portal-activity tab (and the client's own). */
  onModuleInit(): void {
    this.sections.register({
      key: 'sessionPrep',
      audiences: ['staff', 'client'],
      read: ({ tx, organizationId, patientId }) => this.repo.upcoming(tx, organizationId, patientId, new Date()),
    });
  }
}
