import { Injectable } from '@nestjs/common';

import type { PortalTx } from '../../portal.tx';
import { toGoalView } from '../domain/goal.view';
import type { GoalsSectionView } from '../queries/get-goals-section/get-goals-section.query';

const MAX_ACTIVE = 20;

/** Reads of goals beyond one model call. */
@Injectable()
export class GoalsRepository {
  /** The goals section of a portal overview, read under the caller's row policy. */
  async section(tx: PortalTx, organizationId: string, patientId: string): Promise<GoalsSectionView> {
    const where = { organizationId, patientId };
    const active = await tx.therapeuticGoal.findMany({
      where: { ...where, status: 'active' },
      orderBy: [{ updatedAt: 'desc' }, { id: 'asc' }],
      take: MAX_ACTIVE,
    });
    const achieved = await tx.therapeuticGoal.count({ where: { ...where, status: 'achieved' } });
    const discontinued = await tx.therapeuticGoal.count({ where: { ...where, status: 'discontinued' } });
    return { active: active.map(toGoalView), achieved, discontinued };
  }
}
