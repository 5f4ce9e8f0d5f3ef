import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { ApproveChangeRequestHandler } from './commands/approve-change-request/approve-change-request.handler';
import { DenyChangeRequestHandler } from './commands/deny-change-request/deny-change-request.handler';
import { StartChangeRequestReviewHandler } from './commands/start-change-request-review/start-change-request-review.handler';
import { SubmitChangeRequestHandler } from './commands/submit-change-request/submit-change-request.handler';
import { ChangeRequestsController } from './http/change-requests.controller';
import { ChangeRequestRepository } from './infrastructure/change-request.repository';
import { ListChangeRequestsHandler } from './queries/list-change-requests/list-change-requests.handler';

/** Therapist change requests (seed scenario 5). */
@Module({
  imports: [CqrsModule],
  controllers: [ChangeRequestsController],
  providers: [
    ChangeRequestRepository,
    SubmitChangeRequestHandler,
    StartChangeRequestReviewHandler,
    ApproveChangeRequestHandler,
    DenyChangeRequestHandler,
    ListChangeRequestsHandler,
  ],
})
export class ChangeRequestsModule {}
