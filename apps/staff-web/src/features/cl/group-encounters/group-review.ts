import type { Generation, ReviewItem } from '../../../api/client';

/**
 * The batch review's logic, apart from React: grouping the queue by session, what may be selected, and every
 * status, flag and outcome in words (status is never colour alone: each has a symbol and text).
 */

export interface SessionGroup {
  sessionId: string;
  groupId: string;
  /** The group's name as the API gives it (null when the reviewer cannot see the group). */
  groupName: string | null;
  sessionDate: string;
  groupType: string;
  modality: string;
  sudProgram: boolean;
  rows: Generation[];
}

/** A row withheld for want of a Part 2 consent: the API shows only its id and why (no session, code or attendance). */
export const isWithheld = (r: Pick<Generation, 'withheldReason'>): boolean => r.withheldReason !== null;

/**
 * Consecutive rows of one session, in the API's order (newest session first). Withheld rows belong to no session
 * the reviewer may know of: they are left out here and shown apart (`withheldRows`).
 */
export function groupBySession(rows: readonly Generation[]): SessionGroup[] {
  const groups: SessionGroup[] = [];
  const byId = new Map<string, SessionGroup>();
  for (const r of rows) {
    if (isWithheld(r) || r.groupSessionId === null) continue;
    let g = byId.get(r.groupSessionId);
    if (!g) {
      g = {
        sessionId: r.groupSessionId,
        groupId: r.groupId ?? '',
        groupName: r.groupName,
        sessionDate: r.sessionDate ?? '',
        groupType: r.groupType ?? '',
        modality: r.modality ?? '',
        sudProgram: r.sudProgram,
        rows: [],
      };
      byId.set(r.groupSessionId, g);
      groups.push(g);
    }
    g.rows.push(r);
  }
  return groups;
}

/** The rows of a page that are withheld (42 CFR Part 2). */
export const withheldRows = (rows: readonly Generation[]): Generation[] => rows.filter(isWithheld);

/**
 * A row can be picked for a bulk approve or reject while it is pending review and the reviewer may see it: a
 * Part 2 row withheld for want of consent can be neither approved nor rejected by this reviewer. A pending row
 * that is not billable can be picked (to reject it); approving it answers "not billable" for that row.
 */
export function isSelectable(g: Pick<Generation, 'status' | 'flags'>): boolean {
  return g.status === 'pending_review' && !g.flags.consentRequired;
}

/** Whether the proposed code may be corrected (PATCH answers 409 on a decided row, 403 on a withheld one). */
export function isEditable(g: Pick<Generation, 'status' | 'flags'>): boolean {
  return g.status === 'pending_review' && !g.flags.consentRequired;
}

export const STATUS: Record<string, { icon: string; text: string }> = {
  pending_review: { icon: '◷', text: 'Pending review' },
  approved: { icon: '✓', text: 'Approved' },
  rejected: { icon: '✕', text: 'Rejected' },
  not_generated: { icon: '–', text: 'Not generated (absent)' },
};

export function statusWords(status: string | null): { icon: string; text: string } {
  if (status === null) return { icon: '§', text: 'Withheld' };
  return STATUS[status] ?? { icon: '?', text: status.replace(/_/g, ' ') };
}

const NOT_BILLABLE: Record<string, string> = {
  absent: 'Absent',
  below_minimum_minutes: 'Below the minimum minutes',
  no_code_mapping: 'No code for this group type',
  invalid_code: 'Code not billable on this date',
};

export interface Flag {
  key: string;
  icon: string;
  text: string;
  detail?: string;
}

/** A row's flags in words: below the minimum, not billable (why), Part 2 consent required. */
export function flagsOf(g: Pick<Generation, 'flags' | 'billable'>): Flag[] {
  const out: Flag[] = [];
  const reason = g.flags.notBillableReason;
  if (g.flags.belowMinimum || reason === 'below_minimum_minutes') {
    out.push({ key: 'below-minimum', icon: '⚠', text: 'Below minimum minutes', detail: g.flags.notBillableDetail ?? undefined });
  } else if (reason) {
    out.push({
      key: 'not-billable',
      icon: '⚠',
      text: `Not billable: ${NOT_BILLABLE[reason] ?? reason.replace(/_/g, ' ')}`,
      detail: g.flags.notBillableDetail ?? undefined,
    });
  } else if (!g.billable) {
    out.push({ key: 'not-billable', icon: '⚠', text: 'Not billable', detail: g.flags.notBillableDetail ?? undefined });
  }
  if (g.flags.consentRequired) {
    // A withheld row's billability is not shown to this reviewer: the consent is its only flag.
    return [{ key: 'consent-required', icon: '§', text: 'Part 2 consent required' }];
  }
  return out;
}

export const WITHHELD_ATTENDEE = 'Withheld – Part 2 consent required';
export const WITHHELD_EXPLANATION =
  'This attendee belongs to a 42 CFR Part 2 (substance use disorder) program and no consent covers you, so who it is stays hidden and you cannot approve, reject or edit it.';

const MODALITY: Record<string, string> = { in_person: 'In person', telehealth_video: 'Telehealth (video)' };
export const modalityWords = (m: string) => MODALITY[m] ?? m.replace(/_/g, ' ');

const GROUP_TYPE: Record<string, string> = {
  psychotherapy_group: 'Psychotherapy group',
  multi_family_group: 'Multi-family group',
  sud_group_counseling: 'SUD group counseling',
  peer_support_group: 'Peer support group',
  psychosocial_rehabilitation_group: 'Psychosocial rehabilitation group',
};
export const groupTypeWords = (t: string) => GROUP_TYPE[t] ?? t.replace(/_/g, ' ');

const ATTENDANCE: Record<string, string> = { present: 'Present', partial: 'Partial', absent: 'Absent' };
export const attendanceWords = (a: string | null) => (a === null ? 'Withheld' : (ATTENDANCE[a] ?? a));

/** Each outcome of a bulk action: a word for the summary (counted) and a sentence for the item. */
export const OUTCOMES: { key: string; summary: string; item: string; ok: boolean; advice?: string }[] = [
  { key: 'approved', summary: 'approved', item: 'Approved', ok: true },
  { key: 'already_approved', summary: 'already approved', item: 'Already approved: nothing changed', ok: true },
  { key: 'rejected', summary: 'rejected', item: 'Rejected', ok: true },
  { key: 'already_rejected', summary: 'already rejected', item: 'Already rejected: nothing changed', ok: true },
  {
    key: 'conflict',
    summary: 'no longer pending',
    item: 'Not changed: it is no longer pending review',
    ok: false,
    advice: 'Someone decided it before you; the list now shows its current state.',
  },
  {
    key: 'not_billable',
    summary: 'not billable',
    item: 'Not approved: not billable',
    ok: false,
    advice: 'Its row says why it cannot be billed. Change its code, or reject it.',
  },
  {
    key: 'consent_required',
    summary: 'need Part 2 consent',
    item: 'Not changed: Part 2 consent required',
    ok: false,
    advice: 'A Part 2 consent that covers you is needed before you can act on it.',
  },
  {
    key: 'not_found',
    summary: 'not found',
    item: 'Not found in your organization or sites',
    ok: false,
    advice: 'It may have been removed, or it is outside the organization or site you are working in.',
  },
];

export function outcomeWords(outcome: string): { item: string; ok: boolean; advice?: string } {
  const o = OUTCOMES.find((x) => x.key === outcome);
  return o ? { item: o.item, ok: o.ok, advice: o.advice } : { item: outcome.replace(/_/g, ' '), ok: false };
}

/** "2 approved, 1 already approved, 1 not billable": the outcomes present, in a fixed order. */
export function summarize(results: readonly Pick<ReviewItem, 'outcome'>[]): string {
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.outcome, (counts.get(r.outcome) ?? 0) + 1);
  const known = OUTCOMES.filter((o) => counts.has(o.key)).map((o) => `${counts.get(o.key)} ${o.summary}`);
  const unknown = [...counts.keys()]
    .filter((k) => !OUTCOMES.some((o) => o.key === k))
    .map((k) => `${counts.get(k)} ${k.replace(/_/g, ' ')}`);
  const parts = [...known, ...unknown];
  return parts.length ? parts.join(', ') : 'Nothing was changed';
}

/** The selection after toggling one id. */
export function toggled(selected: ReadonlySet<string>, id: string): Set<string> {
  const next = new Set(selected);
  if (next.has(id)) next.delete(id);
  else next.add(id);
  return next;
}

/** The selection after ticking or clearing a "select all" box over `rows` (only selectable rows are added). */
export function withAll(selected: ReadonlySet<string>, rows: readonly Generation[], on: boolean): Set<string> {
  const next = new Set(selected);
  for (const r of rows) {
    if (on && isSelectable(r)) next.add(r.id);
    else next.delete(r.id);
  }
  return next;
}

/** The state of a "select all" box over `rows`: all, some or none of their selectable rows selected. */
export function allState(selected: ReadonlySet<string>, rows: readonly Generation[]): 'all' | 'some' | 'none' {
  const selectable = rows.filter(isSelectable);
  const n = selectable.filter((r) => selected.has(r.id)).length;
  if (n === 0) return 'none';
  return n === selectable.length ? 'all' : 'some';
}

/** Parses "HQ, GT" or "HQ GT" into modifiers (upper-case, no repeats); the API validates them against the code library. */
export function parseModifiers(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map((m) => m.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
}

/** Client-side checks of a code edit before the API's own (which names the field on a 400). */
export function codeEditErrors(code: string, modifiersText: string): { code?: string; modifiers?: string } {
  const errors: { code?: string; modifiers?: string } = {};
  const c = code.trim();
  if (!c) errors.code = 'Enter a code.';
  else if (!/^[A-Za-z0-9]{2,7}$/.test(c)) errors.code = 'A code is 2 to 7 letters or digits, for example 90853.';
  const mods = parseModifiers(modifiersText);
  if (mods.length > 4) errors.modifiers = 'At most 4 modifiers.';
  else if (mods.some((m) => !/^[A-Z0-9]{2}$/.test(m))) errors.modifiers = 'Each modifier is 2 letters or digits, for example HQ.';
  return errors;
}
