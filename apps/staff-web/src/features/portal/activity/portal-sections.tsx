import type { ComponentType } from 'react';

import { AudioMessagesTool } from '../tools/audio-messages-tool';
import { CrisisToolkitEditor } from '../tools/crisis-toolkit-editor';
import { SessionSummariesTool } from '../tools/session-summaries-tool';
import { CrisisAlertsSection } from './crisis-alerts-section';
import { GoalsSection } from './goals-section';
import { HomeworkSection } from './homework-section';
import { JournalSection } from './journal-section';
import { MoodSection } from './mood-section';
import type { PortalSectionProps } from './portal-data';
import { PrepSection } from './prep-section';
import { PromptsSection } from './prompts-section';
import { ResourcesSection } from './resources-section';
import { SessionReviewsSection } from './session-reviews-section';

/** One section of the Portal activity tab: a card with its own reads and actions. */
export interface PortalActivitySection {
  /** Anchor (`#portal-<key>`) and React key. */
  key: string;
  /** The title in the tab's "On this tab" index (the card's heading says the same). */
  title: string;
  /** Shown only to holders of this permission (the API refuses the others anyway). */
  permission?: string;
  Section: ComponentType<PortalSectionProps>;
}

/**
 * The sections of the Portal activity tab, in the order they appear. Each reads its own route, so one failing
 * section shows its error in its card and the others still show.
 *
 * A further section is a component taking `PortalSectionProps` in this folder (or a sibling feature of
 * features/portal/) and one entry below. The therapist's tools (crisis toolkit, audio messages, session summaries)
 * come from features/portal/tools/, which also shows them on a page of their own (`/patients/:id/portal/tools`).
 */
export const PORTAL_ACTIVITY_SECTIONS: readonly PortalActivitySection[] = [
  { key: 'crisis-alerts', title: 'Crisis alerts', Section: CrisisAlertsSection },
  { key: 'prep', title: 'Next appointment', Section: PrepSection },
  { key: 'mood', title: 'Mood', Section: MoodSection },
  { key: 'homework', title: 'Homework', Section: HomeworkSection },
  { key: 'goals', title: 'Goals', Section: GoalsSection },
  { key: 'journal', title: 'Journal', Section: JournalSection },
  { key: 'session-reviews', title: 'Session reviews', Section: SessionReviewsSection },
  { key: 'prompts', title: 'Prompts and check-ins', Section: PromptsSection },
  { key: 'resources', title: 'Resources', Section: ResourcesSection },
  { key: 'crisis-toolkit', title: 'Crisis toolkit', Section: ({ patientId }) => <CrisisToolkitEditor patientId={patientId} /> },
  { key: 'audio-messages', title: 'Audio messages', Section: ({ patientId }) => <AudioMessagesTool patientId={patientId} /> },
  { key: 'session-summaries', title: 'Session summaries', Section: ({ patientId }) => <SessionSummariesTool patientId={patientId} /> },
];
