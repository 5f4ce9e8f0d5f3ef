import { Injectable } from '@nestjs/common';

import type { PortalTx } from '../../portal.tx';
import { PrepMoodPoint, SessionPrepView, toSessionPrepView } from '../domain/session-prep.view';

const MOOD_DAYS = 14;
const UPCOMING_ITEMS = 10;

@Injectable()
export class SessionPrepRepository {
  /** Preps of appointments not started yet, soonest first, under the caller's row policy. */
  async upcoming(tx: PortalTx, organizationId: string, patientId: string, now: Date): Promise<SessionPrepView[]> {
    const rows = await tx.sessionPrep.findMany({
      where: { organizationId, patientId, appointmentStartAt: { gt: now } },
      orderBy: [{ appointmentStartAt: 'asc' }, { id: 'asc' }],
      take: UPCOMING_ITEMS,
    });
    return rows.map(toSessionPrepView);
  }

  /** The client's mood check-ins of the last 14 days the caller may see (the therapist: the shared ones). */
  async recentMood(
    tx: PortalTx,
    organizationId: string,
    patientId: string,
    now: Date,
  ): Promise<{ recentMood: PrepMoodPoint[]; averageMood: number | null }> {
    const since = new Date(now.getTime() - MOOD_DAYS * 86_400_000);
    const rows = await tx.moodEntry.findMany({
      where: { organizationId, patientId, entryDate: { gte: new Date(since.toISOString().slice(0, 10)) } },
      orderBy: [{ entryDate: 'desc' }, { id: 'asc' }],
      take: 60,
    });
    const recentMood = rows.map((r) => ({ entryDate: r.entryDate.toISOString().slice(0, 10), score: r.score, symptoms: r.symptoms }));
    const averageMood = rows.length ? Math.round((rows.reduce((s, r) => s + r.score, 0) / rows.length) * 10) / 10 : null;
    return { recentMood, averageMood };
  }
}
