import { describe, expect, it } from 'vitest';

import { belowMinimum, generation, withheld } from './generation-fixture';
import {
  allState,
  codeEditErrors,
  flagsOf,
  groupBySession,
  isEditable,
  isSelectable,
  outcomeWords,
  parseModifiers,
  statusWords,
  summarize,
  toggled,
  withAll,
  withheldRows,
} from './group-review';

const S1 = '11111111-0000-4000-8000-000000000001';
const S2 = '11111111-0000-4000-8000-000000000002';

describe('groupBySession', () => {
  it("keeps the API order of sessions and collects each session's rows under it", () => {
    const a = generation({ groupSessionId: S1, sessionDate: '2025-12-02' });
    const b = generation({ groupSessionId: S2, sessionDate: '2025-11-25', groupType: 'sud_group_counseling', sudProgram: true });
    const c = generation({ groupSessionId: S1, sessionDate: '2025-12-02' });
    const groups = groupBySession([a, b, c]);
    expect(groups.map((g) => g.sessionId)).toEqual([S1, S2]);
    expect(groups[0]!.rows.map((r) => r.id)).toEqual([a.id, c.id]);
    expect(groups[1]).toMatchObject({ sessionDate: '2025-11-25', groupType: 'sud_group_counseling', sudProgram: true });
    expect(groupBySession([])).toEqual([]);
  });

  it('leaves withheld rows (no session to show) out of the sessions, and lists them apart', () => {
    const a = generation({ groupSessionId: S1, groupName: 'Relapse Prevention' });
    const w = withheld();
    expect(groupBySession([a, w]).map((g) => [g.sessionId, g.groupName, g.rows.length])).toEqual([[S1, 'Relapse Prevention', 1]]);
    expect(withheldRows([a, w]).map((r) => r.id)).toEqual([w.id]);
  });
});

describe('what can be selected and edited', () => {
  it('pending rows the reviewer may see, billable or not; never a decided or withheld row', () => {
    expect(isSelectable(generation())).toBe(true);
    expect(isSelectable(belowMinimum())).toBe(true);
    expect(isSelectable(generation({ status: 'approved' }))).toBe(false);
    expect(isSelectable(generation({ status: 'rejected' }))).toBe(false);
    expect(isSelectable(generation({ status: 'not_generated' }))).toBe(false);
    expect(isSelectable(withheld())).toBe(false);
    expect(isEditable(generation())).toBe(true);
    expect(isEditable(withheld())).toBe(false);
    expect(isEditable(generation({ status: 'approved' }))).toBe(false);
  });
});

describe('selection', () => {
  const rows = [generation(), generation(), withheld(), generation({ status: 'approved' })];
  it('toggles one id on and off', () => {
    const one = toggled(new Set(), rows[0]!.id);
    expect([...one]).toEqual([rows[0]!.id]);
    expect(toggled(one, rows[0]!.id).size).toBe(0);
  });
  it('select all adds only the selectable rows; clearing removes them all', () => {
    const all = withAll(new Set(), rows, true);
    expect([...all].sort()).toEqual([rows[0]!.id, rows[1]!.id].sort());
    expect(allState(all, rows)).toBe('all');
    expect(withAll(all, rows, false).size).toBe(0);
  });
  it('select all over one session keeps what is selected elsewhere', () => {
    const elsewhere = generation({ groupSessionId: S2 });
    const next = withAll(new Set([elsewhere.id]), rows, true);
    expect(next.has(elsewhere.id)).toBe(true);
    expect(withAll(next, rows, false)).toEqual(new Set([elsewhere.id]));
  });
  it('reports none, some or all of the selectable rows selected', () => {
    expect(allState(new Set(), rows)).toBe('none');
    expect(allState(new Set([rows[0]!.id]), rows)).toBe('some');
    expect(allState(new Set([rows[0]!.id, rows[1]!.id]), rows)).toBe('all');
    expect(allState(new Set(), [withheld()])).toBe('none');
  });
});

describe('status and flags in words', () => {
  it('every status has a symbol and text', () => {
    expect(statusWords('pending_review')).toEqual({ icon: '◷', text: 'Pending review' });
    expect(statusWords('approved')).toEqual({ icon: '✓', text: 'Approved' });
    expect(statusWords('rejected')).toEqual({ icon: '✕', text: 'Rejected' });
    expect(statusWords('not_generated').text).toBe('Not generated (absent)');
    expect(statusWords('something_new').text).toBe('something new');
  });
  it('flags below minimum with the API detail, Part 2 consent, and other reasons not to bill', () => {
    expect(flagsOf(generation())).toEqual([]);
    const below = flagsOf(belowMinimum());
    expect(below).toHaveLength(1);
    expect(below[0]).toMatchObject({ key: 'below-minimum', text: 'Below minimum minutes' });
    expect(below[0]!.detail).toContain('requires at least 30');
    expect(flagsOf(withheld()).map((f) => f.text)).toEqual(['Part 2 consent required']);
    expect(
      flagsOf(generation({ billable: false, flags: { notBillableReason: 'invalid_code', notBillableDetail: 'Code ended' } }))[0],
    ).toMatchObject({
      text: 'Not billable: Code not billable on this date',
      detail: 'Code ended',
    });
    expect(flagsOf(generation({ billable: false, flags: { notBillableReason: 'no_code_mapping' } }))[0]!.text).toBe(
      'Not billable: No code for this group type',
    );
  });
});

describe('bulk results', () => {
  it('summarizes the outcomes present, in a fixed order', () => {
    expect(
      summarize([
        { outcome: 'not_billable' },
        { outcome: 'approved' },
        { outcome: 'approved' },
        { outcome: 'already_approved' },
        { outcome: 'consent_required' },
      ]),
    ).toBe('2 approved, 1 already approved, 1 not billable, 1 need Part 2 consent');
    expect(summarize([{ outcome: 'conflict' }, { outcome: 'not_found' }])).toBe('1 no longer pending, 1 not found');
    expect(summarize([{ outcome: 'rejected' }])).toBe('1 rejected');
    expect(summarize([])).toBe('Nothing was changed');
  });
  it('says each outcome in words and whether it did what was asked', () => {
    expect(outcomeWords('approved')).toEqual({ item: 'Approved', ok: true });
    expect(outcomeWords('already_approved').ok).toBe(true);
    expect(outcomeWords('not_billable')).toEqual({
      item: 'Not approved: not billable',
      ok: false,
      advice: 'Its row says why it cannot be billed. Change its code, or reject it.',
    });
    expect(outcomeWords('consent_required').item).toBe('Not changed: Part 2 consent required');
    expect(outcomeWords('conflict').item).toBe('Not changed: it is no longer pending review');
    expect(outcomeWords('brand_new')).toEqual({ item: 'brand new', ok: false });
  });
});

describe('code edits', () => {
  it('parses modifiers separated by commas or spaces, upper-case and without repeats', () => {
    expect(parseModifiers('hq, gt  HQ')).toEqual(['HQ', 'GT']);
    expect(parseModifiers('  ')).toEqual([]);
  });
  it('asks for a code of 2 to 7 letters or digits and at most 4 two-character modifiers', () => {
    expect(codeEditErrors('90853', 'HQ')).toEqual({});
    expect(codeEditErrors(' ', '')).toEqual({ code: 'Enter a code.' });
    expect(codeEditErrors('9', '').code).toMatch(/2 to 7 letters or digits/);
    expect(codeEditErrors('90853!', '').code).toMatch(/2 to 7/);
    expect(codeEditErrors('90853', 'HQ, GT, 95, 59, 25').modifiers).toBe('At most 4 modifiers.');
    expect(codeEditErrors('90853', 'HQX').modifiers).toMatch(/2 letters or digits/);
  });
});
