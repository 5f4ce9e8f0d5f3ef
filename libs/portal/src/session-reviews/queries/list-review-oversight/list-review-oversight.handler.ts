import { QueryHandler } from '@nestjs/cqrs';

import { Prisma } from '@cairn/platform/db';
import type { Page } from '@cairn/platform/http';
import { pagedAuditedList, setFilterNames, TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import type { ReviewOversightView } from '../../domain/session-review.view';
import { ListReviewOversightQuery } from './list-review-oversight.query';

interface OversightRow {
  id: string;
  patient_id: string | null;
  appointment_id: string;
  appointment_start_at: Date;
  clinician_id: string;
  rating: number;
  feedback: string | null;
  shared_with_clinician: boolean;
  anonymous: boolean;
  submitted_at: Date;
}

/** The route is `portal.admin`; the row policy still decides the reach (a Part 2 chart without consent stays hidden). */
@QueryHandler(ListReviewOversightQuery)
@TenantUseCase(ListReviewOversightQuery, { audit: { action: 'portal.session-review.oversight', resource: 'session_review' } })
export class ListReviewOversightHandler implements PortalUseCaseHandler<ListReviewOversightQuery, Page<ReviewOversightView>> {
  execute({ filter }: ListReviewOversightQuery, { ctx, tx, audit }: PortalUseCase): Promise<Page<ReviewOversightView>> {
    const conditions: Prisma.Sql[] = [Prisma.sql`organization_id = ${ctx.organizationId}::uuid`, Prisma.sql`status = 'submitted'`];
    if (filter.rating !== undefined) conditions.push(Prisma.sql`rating = ${filter.rating}`);
    if (filter.maxRating !== undefined) conditions.push(Prisma.sql`rating <= ${filter.maxRating}`);
    if (filter.clinicianId !== undefined) conditions.push(Prisma.sql`clinician_id = ${filter.clinicianId}::uuid`);
    const where = Prisma.join(conditions, ' AND ');
    return pagedAuditedList(audit, {
      page: filter,
      filters: setFilterNames(filter),
      sequential: true,
      count: async () => {
        const [row] = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM po_session_reviews_oversight WHERE ${where}`;
        return row?.n ?? 0;
      },
      rows: ({ skip, take }) =>
        tx.$queryRaw<OversightRow[]>`
          SELECT id, patient_id, appointment_id, appointment_start_at, clinician_id, rating, feedback, shared_with_clinician,
                 anonymous, submitted_at
          FROM po_session_reviews_oversight WHERE ${where}
          ORDER BY submitted_at DESC, id LIMIT ${take} OFFSET ${skip}`,
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
