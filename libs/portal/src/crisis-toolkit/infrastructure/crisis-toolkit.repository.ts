import { Injectable } from '@nestjs/common';

import type { PortalTx } from '../../portal.tx';
import { crisisWindowStart } from '../domain/crisis-episode.rules';
import { toCrisisAlertView } from '../domain/crisis-toolkit.view';
import type { CrisisAlertsSectionView } from '../queries/get-crisis-alerts-section/get-crisis-alerts-section.query';

const SECTION_DAYS = 90;

/** SQL of the crisis toolkit beyond one model call. */
@Injectable()
export class CrisisToolkitRepository {
  /**
   * Serialises the opens of one client (until the transaction ends), so that two opens at the same moment cannot
   * both find two earlier opens and raise two alerts for one episode.
   */
  async lockClientOpens(tx: PortalTx, organizationId: string, patientId: string): Promise<void> {
    const key = `po_crisis_toolkit_opens:${organizationId}:${patientId}`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
  }

  /** The crisis section of the therapist's portal activity, read under the caller's row policy. */
  async alertsSection(tx: PortalTx, organizationId: string, patientId: string): Promise<CrisisAlertsSectionView> {
    const now = new Date();
    const where = { organizationId, patientId };
    const alerts = await tx.crisisAlert.findMany({
      where: { ...where, lastOpenAt: { gte: new Date(now.getTime() - SECTION_DAYS * 24 * 60 * 60 * 1000) } },
      orderBy: [{ raisedAt: 'desc' }, { id: 'asc' }],
    });
    const opensLast7Days = await tx.crisisToolkitOpen.count({ where: { ...where, openedAt: { gt: crisisWindowStart(now) } } });
    const views = alerts.map((a) => toCrisisAlertView(a, now));
    return { live: views.find((a) => a.live) ?? null, alerts: views, opensLast7Days };
  }
}
