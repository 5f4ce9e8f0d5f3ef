import { Injectable } from '@nestjs/common';

import type { PortalTx } from '../../portal.tx';
import { todayIn } from '../domain/homework.rules';

/** SQL of homework beyond one model call. */
@Injectable()
export class HomeworkRepository {
  /** Today in the organization's time zone (for due dates and "overdue"). */
  async today(tx: PortalTx, organizationId: string): Promise<string> {
    const org = await tx.organization.findUnique({ where: { id: organizationId }, select: { timezone: true } });
    return todayIn(org?.timezone ?? 'UTC');
  }
}
