import { episodeLive } from './crisis-episode.rules';

/** A personal contact of the toolkit. */
export interface CrisisContact {
  name: string;
  phone: string;
  relationship: string | null;
}

/**
 * The 988 Suicide & Crisis Lifeline: first in every view of every toolkit. It is not stored, so no
 * customisation can remove it.
 */
export const LIFELINE_988: CrisisLine = {
  name: '988 Suicide & Crisis Lifeline',
  phone: '988',
  text: '988',
  url: 'https://988lifeline.org',
  description: 'Call or text 988, any time, free and confidential.',
};

export interface CrisisLine {
  name: string;
  phone: string;
  text: string;
  url: string;
  description: string;
}

export interface CrisisToolkitView {
  patientId: string;
  /** Always the 988 Lifeline first. */
  crisisLines: CrisisLine[];
  copingSteps: string[];
  contacts: CrisisContact[];
  /** Whether the therapist customised it (false: the defaults). */
  customised: boolean;
  updatedAt: string | null;
}

/** The steps a client sees before their therapist customises the toolkit. */
export const DEFAULT_COPING_STEPS = [
  'Pause and take five slow breaths, breathing out longer than in.',
  'Name five things you can see, four you can hear, three you can touch.',
  'Move somewhere you feel safe, away from anything you could hurt yourself with.',
  'Reach out: call or text 988, or one of your contacts below.',
];

interface ToolkitRow {
  copingSteps: string[];
  contacts: unknown;
  updatedAt: Date;
}

function contactsOf(json: unknown): CrisisContact[] {
  if (!Array.isArray(json)) return [];
  return json.map((c: { name?: unknown; phone?: unknown; relationship?: unknown }) => ({
    name: String(c.name ?? ''),
    phone: String(c.phone ?? ''),
    relationship: typeof c.relationship === 'string' ? c.relationship : null,
  }));
}

export function toCrisisToolkitView(patientId: string, row: ToolkitRow | null): CrisisToolkitView {
  return {
    patientId,
    crisisLines: [LIFELINE_988],
    copingSteps: row ? row.copingSteps : DEFAULT_COPING_STEPS,
    contacts: row ? contactsOf(row.contacts) : [],
    customised: row !== null,
    updatedAt: row ? row.updatedAt.toISOString() : null,
  };
}

export interface CrisisAlertView {
  alertId: string;
  patientId: string;
  firstOpenAt: string;
  raisedAt: string;
  lastOpenAt: string;
  openCount: number;
  /** The episode is live until 7 days pass without an open. */
  live: boolean;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
}

interface AlertRow {
  id: string;
  patientId: string;
  firstOpenAt: Date;
  raisedAt: Date;
  lastOpenAt: Date;
  openCount: number;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
}

export function toCrisisAlertView(a: AlertRow, now: Date): CrisisAlertView {
  return {
    alertId: a.id,
    patientId: a.patientId,
    firstOpenAt: a.firstOpenAt.toISOString(),
    raisedAt: a.raisedAt.toISOString(),
    lastOpenAt: a.lastOpenAt.toISOString(),
    openCount: a.openCount,
    live: episodeLive(a.lastOpenAt, now),
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: a.acknowledgedBy,
  };
}

/** The therapist's view of the usage log (scenario 3 step 6). */
export interface CrisisToolkitUsageView {
  patientId: string;
  opens: { openedAt: string; alertId: string | null }[];
  alerts: CrisisAlertView[];
}

/** What the client's open answers: the toolkit (never anything about alerts: nothing is done to the client). */
export type OpenedCrisisToolkitView = CrisisToolkitView;
