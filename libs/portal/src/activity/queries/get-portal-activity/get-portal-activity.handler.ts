import { QueryBus, QueryHandler } from '@nestjs/cqrs';

import { ListPatientAppointmentsQuery } from '@cairn/platform/scheduling';
import { TenantUseCase } from '@cairn/platform/use-case';

import { dayIn } from '../../../mood/domain/mood.rules';
import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { GetPortalRelationshipQuery } from '../../../relationships/queries/get-portal-relationship/get-portal-relationship.query';
import { PortalActivitySections } from '../../domain/portal-activity-sections.service';
import { PortalActivityView, upcoming, UPCOMING_DAYS } from '../../domain/portal-activity.view';
import { GetPortalActivityQuery } from './get-portal-activity.query';

@QueryHandler(GetPortalActivityQuery)
@TenantUseCase(GetPortalActivityQuery, {
  audit: { action: 'portal.activity.read', resource: 'portal_activity', patient: (q) => q.patientId },
})
export class GetPortalActivityHandler implements PortalUseCaseHandler<GetPortalActivityQuery, PortalActivityView | null> {
  constructor(
    private readonly queries: QueryBus,
    private readonly sections: PortalActivitySections,
  ) {}

  async execute({ patientId, audience }: GetPortalActivityQuery, { ctx, tx, audit }: PortalUseCase): Promise<PortalActivityView | null> {
    const relationship = await this.queries.execute(new GetPortalRelationshipQuery(patientId));
    if (!relationship || (audience === 'client') !== (relationship === 'client')) return null;
    const org = await tx.organization.findUnique({ where: { id: ctx.organizationId }, select: { timezone: true } });
    const timeZone = org?.timezone ?? 'UTC';
    const now = new Date();
    const today = dayIn(timeZone, now);
    const appointments = await this.queries.execute(
      new ListPatientAppointmentsQuery(
        patientId,
        new Date(now.getTime() - 86_400_000),
        new Date(now.getTime() + UPCOMING_DAYS * 86_400_000),
      ),
    );
    const sections: Record<string, unknown> = {};
    for (const section of this.sections.for(audience)) {
      sections[section.key] = await section.read({ tx, organizationId: ctx.organizationId, patientId, relationship, today, timeZone });
    }
    audit.scope({ as: relationship, sections: Object.keys(sections) });
    return { patientId, today, generatedAt: now.toISOString(), upcomingAppointments: upcoming(appointments, now), sections };
  }
}
