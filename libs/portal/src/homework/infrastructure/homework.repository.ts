import { Injectable } from '@nestjs/common';

import type { PortalTx } from '../../portal.tx';
import { todayIn } from '../domain/homework.rules';
import { toHomeworkView } from '../domain/homework.view';
import type { HomeworkSectionView } from '../queries/get-homework-section/get-homework-section.query';

const SECTION_ITEMS = 5;

/** SQL of homework beyond one model call. */
@Injectable()
export class HomeworkRepository {
  /** Today in the organization's time zone (for due dates and "overdue"). */
  async today(tx: PortalTx, organizationId: string): Promise<string> {
    const org = await tx.organization.findUnique({ where: { id: organizationId }, select: { timezone: true } });
    return todayIn(org?.timezone ?? 'UTC');
  }

  /** The homework section of a portal overview, read under the caller's row policy. */
  async section(tx: PortalTx, organizationId: string, patientId: string, today: string): Promise<HomeworkSectionView> {
    const where = { organizationId, patientId };
    const counts = await tx.homeworkAssignment.groupBy({ by: ['status'], where, _count: { _all: true } });
    const countOf = (status: string) => counts.find((c) => c.status === status)?._count._all ?? 0;
    const overdue = await tx.homeworkAssignment.count({
      where: { ...where, status: 'assigned', dueOn: { lt: new Date(`${today}T00:00:00Z`) } },
    });
    const due = await tx.homeworkAssignment.findMany({
      where: { ...where, status: 'assigned' },
      orderBy: [{ dueOn: 'asc' }, { id: 'asc' }],
      take: SECTION_ITEMS,
    });
    const recent = await tx.homeworkAssignment.findMany({
      where: { ...where, status: { in: ['completed', 'reviewed'] } },
      orderBy: [{ completedAt: 'desc' }, { id: 'asc' }],
      take: SECTION_ITEMS,
    });
    return {
      assigned: countOf('assigned'),
      overdue,
      awaitingReview: countOf('completed'),
      reviewed: countOf('reviewed'),
      due: due.map((h) => toHomeworkView(h, today)),
      recentlyCompleted: recent.map((h) => toHomeworkView(h, today)),
    };
  }
}
