import { isoDate } from '@cairn/platform/kernel';

import type { PortalRow } from '../../portal.tx';
import type { AttendanceCorrelation, MoodTrend } from './mood.rules';

export interface MoodEntryView {
  moodEntryId: string;
  patientId: string;
  entryDate: string;
  score: number;
  symptoms: string[];
  note: string | null;
  sharedWithClinician: boolean;
  createdAt: string;
}

/** The 30-day trend; `attendance` on the clinician's route only (the client's has null). */
export interface MoodTrendView extends MoodTrend {
  patientId: string;
  attendance: AttendanceCorrelation | null;
}

export function toMoodEntryView(e: PortalRow<'moodEntry'>): MoodEntryView {
  return {
    moodEntryId: e.id,
    patientId: e.patientId,
    entryDate: isoDate(e.entryDate),
    score: e.score,
    symptoms: e.symptoms,
    note: e.note,
    sharedWithClinician: e.sharedWithClinician,
    createdAt: e.createdAt.toISOString(),
  };
}
