import type { EncounterSourceType, EncounterType } from '@cairn/platform/scheduling';

/** What the chart shows of the group session behind a group encounter. */
export interface ChartGroupSessionView {
  sessionId: string;
  attendanceStatus: 'present' | 'partial';
  minutesAttended: number;
  /** From the clinical record's group session, when it is there (it always is for sessions CL documented). */
  groupId: string | null;
  groupName: string | null;
  groupType: string | null;
  sudProgram: boolean | null;
  startTime: string | null;
  endTime: string | null;
}

export interface ChartEncounterView {
  id: string;
  encounterType: EncounterType;
  serviceDate: string;
  siteId: string;
  renderingProviderId: string;
  durationMinutes: number;
  sourceType: EncounterSourceType;
  sourceId: string;
  groupSession: ChartGroupSessionView | null;
}

export interface ChartEncounterPage {
  items: ChartEncounterView[];
  page: number;
  pageSize: number;
  /** Encounters of the patient in the period, including any withheld below. */
  total: number;
  /**
   * Encounters of this page withheld under 42 CFR Part 2: SUD-program group encounters and peer encounters of a
   * Part 2 chart, when no consent lets the caller see that record type. Counted, never described.
   */
  withheld: number;
  /** Why they were withheld (CheckSudConsentQuery's reason: no_consent, revoked, expired, not_covered), or null. */
  withheldReason: string | null;
  /** The §2.32 notice when what is shown includes Part 2 records. */
  part2Notice: string | null;
}
