import { Injectable } from '@nestjs/common';

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
