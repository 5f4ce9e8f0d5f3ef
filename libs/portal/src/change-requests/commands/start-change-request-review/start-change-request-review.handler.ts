import { CommandHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { ChangeRequestView, toChangeRequestView } from '../../domain/change-request.view';
import { ChangeRequestRepository } from '../../infrastructure/change-request.repository';
import { StartChangeRequestReviewCommand } from './start-change-request-review.command';

@CommandHandler(StartChangeRequestReviewCommand)
@TenantUseCase(StartChangeRequestReviewCommand, {
  audit: { action: 'portal.change-request.review', resource: 'therapist_change_request', id: (c) => c.changeRequestId },
})
export class StartChangeRequestReviewHandler implements PortalUseCaseHandler<StartChangeRequestReviewCommand, ChangeRequestView | null> {
  constructor(private readonly repo: ChangeRequestRepository) {}

  async execute(cmd: StartChangeRequestReviewCommand, { ctx, tx, audit }: PortalUseCase): Promise<ChangeRequestView | null> {
    const found = await this.repo.forAdmin(tx, audit, ctx.organizationId, cmd.changeRequestId, 'review');
    if (!found) return null;
    const row = await this.repo.move(tx, audit, found.row, {
      status: found.status,
      reviewStartedAt: new Date(),
      reviewStartedBy: ctx.userId,
    });
    return toChangeRequestView(row);
  }
}
