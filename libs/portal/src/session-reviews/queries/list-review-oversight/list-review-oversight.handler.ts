import { QueryHandler } from '@nestjs/cqrs';

import type { Page } from '@cairn/platform/http';
import { pagedAuditedList, setFilterNames, TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import type { ReviewOversightView } from '../../domain/session-review.view';
import { countOversight, oversightPage } from '../../infrastructure/session-review.repository';
import { ListReviewOversightQuery } from './list-review-oversight.query';

/** The route is `portal.admin`; the row policy still decides the reach (a Part 2 chart without consent stays hidden). */
@QueryHandler(ListReviewOversightQuery)
@TenantUseCase(ListReviewOversightQuery, { audit: { action: 'portal.session-review.oversight', resource: 'session_review' } })
export class ListReviewOversightHandler implements PortalUseCaseHandler<ListReviewOversightQuery, Page<ReviewOversightView>> {
  execute({ filter }: ListReviewOversightQuery, { ctx, tx, audit }: PortalUseCase): Promise<Page<ReviewOversightView>> {
    return pagedAuditedList(audit, {
      page: filter,
      filters: setFilterNames(filter),
      sequential: true,
      count: () => countOversight(tx, ctx.organizationId, filter),
      rows: ({ skip, take }) => oversightPage(tx, ctx.organizationId, filter, skip, take),
      toItems: (rows) =>
        rows.map((r) => ({
          reviewId: r.id,
          patientId: r.patient_id,
          appointmentId: r.appointment_id,
          appointmentStartAt: r.appointment_start_at.toISOString(),
          clinicianId: r.clinician_id,
          rating: r.rating,
          feedback: r.feedback,
          sharedWithClinician: r.shared_with_clinician,
          anonymous: r.anonymous,
          submittedAt: r.submitted_at.toISOString(),
        })),
      scope: ({ rows }) => ({ resultCount: rows.length, anonymous: rows.filter((r) => r.anonymous).length }),
    });
  }
}
