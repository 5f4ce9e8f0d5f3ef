import { calendarDay, isoDate } from '@cairn/platform/kernel';

import { addDays, moodTrend, TREND_DAYS } from '../../mood/domain/mood.rules';
import type { PortalActivitySection, SectionInput } from '../domain/portal-activity-sections.service';

/** Mood: the 30-day trend (what the caller may see of it) and the latest entries. */
const mood: PortalActivitySection = {
  key: 'mood',
  audiences: ['staff', 'client'],
  async read({ tx, organizationId, patientId, today }: SectionInput) {
    const from = addDays(today, -(TREND_DAYS - 1));
    const rows = await tx.moodEntry.findMany({
      where: { organizationId, patientId, entryDate: { gte: calendarDay(from), lte: calendarDay(today) } },
      orderBy: [{ entryDate: 'desc' }, { createdAt: 'desc' }],
    });
    const trend = moodTrend(
      rows.map((r) => ({ date: isoDate(r.entryDate), score: r.score, symptoms: r.symptoms })),
      from,
      today,
    );
    return {
      averageScore: trend.averageScore,
      latestScore: trend.latestScore,
      change: trend.change,
      entries: trend.entries,
      days: trend.days,
      loggedToday: rows.some((r) => isoDate(r.entryDate) === today),
      recent: rows.slice(0, 5).map((r) => ({ moodEntryId: r.id, entryDate: isoDate(r.entryDate), score: r.score, symptoms: r.symptoms })),
    };
  },
};

/** Journal: how many entries the caller may see in the window (the therapist: shared ones), and the latest shared. */
const journal: PortalActivitySection = {
  key: 'journal',
  audiences: ['staff', 'client'],
  async read({ tx, organizationId, patientId, today }: SectionInput) {
    const since = calendarDay(addDays(today, -(TREND_DAYS - 1)));
    const [entries, shared] = await Promise.all([
      tx.journalEntry.count({ where: { organizationId, patientId, createdAt: { gte: since } } }),
      tx.journalEntry.findMany({
        where: { organizationId, patientId, sharedWithClinician: true },
        orderBy: { createdAt: 'desc' },
        take: 3,
        select: { id: true, title: true, createdAt: true },
      }),
    ]);
    return {
      entriesLast30Days: entries,
      recentShared: shared.map((j) => ({ journalEntryId: j.id, title: j.title, createdAt: j.createdAt.toISOString() })),
    };
  },
};

/** Prompts and check-ins: open ones and the latest answers. */
const prompts: PortalActivitySection = {
  key: 'prompts',
  audiences: ['staff', 'client'],
  async read({ tx, organizationId, patientId }: SectionInput) {
    const now = new Date();
    const [open, answers] = await Promise.all([
      tx.dailyPrompt.count({ where: { organizationId, patientId, closedAt: null, availableFrom: { lte: now } } }),
      tx.promptResponse.findMany({ where: { organizationId, patientId }, orderBy: { createdAt: 'desc' }, take: 5 }),
    ]);
    return {
      open,
      recentAnswers: answers.map((a) => ({ promptId: a.promptId, responseDate: isoDate(a.responseDate), body: a.body })),
    };
  },
};

/** Unread clinician notifications of this patient (staff only). */
const notifications: PortalActivitySection = {
  key: 'notifications',
  audiences: ['staff'],
  async read({ tx, organizationId, patientId }: SectionInput) {
    const unread = await tx.portalNotification.count({ where: { organizationId, patientId, readAt: null } });
    return { unread };
  },
};

/** The sections this feature set owns; other features register theirs the same way. */
export const CORE_ACTIVITY_SECTIONS: readonly PortalActivitySection[] = [mood, journal, prompts, notifications];
