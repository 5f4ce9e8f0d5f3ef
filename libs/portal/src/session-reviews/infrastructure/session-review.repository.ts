import { Injectable } from '@nestjs/common';

import { Prisma } from '@cairn/platform/db';

import type { PortalTx } from '../../portal.tx';
import { SessionReviewSectionView, toSessionReviewView } from '../domain/session-review.view';

const SECTION_ITEMS = 5;

@Injectable()
export class SessionReviewRepository {
  /**
   * The session-review section of a portal overview, under the caller's row policy: the client's unanswered
   * prompts, and the latest answered reviews the caller may see (for the therapist: shared and not anonymous).
   */
  async section(tx: PortalTx, organizationId: string, patientId: string): Promise<SessionReviewSectionView> {
    const where = { organizationId, patientId };
    const pending = await tx.sessionReview.findMany({
      where: { ...where, status: 'pending' },
      orderBy: [{ promptedAt: 'desc' }, { id: 'asc' }],
      take: SECTION_ITEMS,
    });
    const recent = await tx.sessionReview.findMany({
      where: { ...where, status: 'submitted' },
      orderBy: [{ submittedAt: 'desc' }, { id: 'asc' }],
      take: SECTION_ITEMS,
    });
    const avg = await tx.sessionReview.aggregate({ where: { ...where, status: 'submitted' }, _avg: { rating: true } });
    return {
      pending: pending.map(toSessionReviewView),
      recent: recent.map(toSessionReviewView),
      averageRating: avg._avg.rating === null ? null : Math.round(avg._avg.rating * 10) / 10,
    };
  }
}

/** A row of `po_session_reviews_oversight` (the patient is NULL for an anonymous review). */
export interface OversightRow {
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

export interface OversightFilter {
  rating?: number;
  maxRating?: number;
  clinicianId?: string;
}

function oversightWhere(organizationId: string, filter: OversightFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`organization_id = ${organizationId}::uuid`, Prisma.sql`status = 'submitted'`];
  if (filter.rating !== undefined) conditions.push(Prisma.sql`rating = ${filter.rating}`);
  if (filter.maxRating !== undefined) conditions.push(Prisma.sql`rating <= ${filter.maxRating}`);
  if (filter.clinicianId !== undefined) conditions.push(Prisma.sql`clinician_id = ${filter.clinicianId}::uuid`);
  return Prisma.join(conditions, ' AND ');
}

/** How many answered reviews the oversight view shows for the filter (the caller's row policy applies). */
export async function countOversight(tx: PortalTx, organizationId: string, filter: OversightFilter): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM po_session_reviews_oversight WHERE ${oversightWhere(organizationId, filter)}`;
  return row?.n ?? 0;
}

/** A page of answered reviews through the oversight view, newest first. */
export function oversightPage(
  tx: PortalTx,
  organizationId: string,
  filter: OversightFilter,
  skip: number,
  take: number,
): Promise<OversightRow[]> {
  return tx.$queryRaw<OversightRow[]>`
    SELECT id, patient_id, appointment_id, appointment_start_at, clinician_id, rating, feedback, shared_with_clinician,
           anonymous, submitted_at
    FROM po_session_reviews_oversight WHERE ${oversightWhere(organizationId, filter)}
    ORDER BY submitted_at DESC, id LIMIT ${take} OFFSET ${skip}`;
}

/** The appointment's pending review, made by `po_session_review_prompt` (the system only); null when it exists already. */
export async function promptReview(
  tx: PortalTx,
  id: string,
  p: { patientId: string; appointmentId: string; clinicianId: string; startAt: string },
): Promise<string | null> {
  const [row] = await tx.$queryRaw<{ id: string | null }[]>`
    SELECT po_session_review_prompt(${id}::uuid, ${p.patientId}::uuid, ${p.appointmentId}::uuid,
                                    ${p.clinicianId}::uuid, ${p.startAt}::timestamptz) AS id`;
  return row?.id ?? null;
}
