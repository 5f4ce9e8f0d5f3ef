import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import { dayIn } from '../../../mood/domain/mood.rules';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { PortalPromptView, toPortalPromptView } from '../../domain/portal-prompt.view';
import { ListPortalPromptsQuery } from './list-portal-prompts.query';

const LIMIT = 100;

@QueryHandler(ListPortalPromptsQuery)
@TenantUseCase(ListPortalPromptsQuery, { audit: { action: 'portal.prompt.list', resource: 'portal_prompt', patient: (q) => q.patientId } })
export class ListPortalPromptsHandler implements PortalUseCaseHandler<ListPortalPromptsQuery, PortalPromptView[] | null> {
  constructor(private readonly queries: QueryBus) {}

  async execute({ patientId, openOnly }: ListPortalPromptsQuery, { ctx, tx, audit }: PortalUseCase): Promise<PortalPromptView[] | null> {
    const relationship = await this.queries.execute(new GetPortalRelationshipQuery(patientId));
    if (!relationship) return null;
    const organizationId = ctx.organizationId;
    const org = await tx.organization.findUnique({ where: { id: organizationId }, select: { timezone: true } });
    const now = new Date();
    const today = dayIn(org?.timezone ?? 'UTC', now);
    const prompts = await tx.dailyPrompt.findMany({
      where: { organizationId, patientId, ...(openOnly ? { closedAt: null, availableFrom: { lte: now } } : {}) },
      orderBy: [{ availableFrom: 'desc' }, { id: 'asc' }],
      take: LIMIT,
    });
    const responses = await tx.promptResponse.findMany({ where: { organizationId, promptId: { in: prompts.map((p) => p.id) } } });
    const views = prompts.map((p) =>
      toPortalPromptView(
        p,
        responses.filter((r) => r.promptId === p.id),
        today,
        now,
      ),
    );
    const result = openOnly ? views.filter((v) => v.open) : views;
    audit.scope({ as: relationship, prompts: result.length, openOnly });
    return result;
  }
}
