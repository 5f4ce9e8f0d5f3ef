import { RuleViolationError } from '@cairn/platform/kernel';

import { AUDIT_EVENT_OF, canExportFrom, transition, type ViewAction, type ViewState } from './view-interaction.rules';

const STATES: ViewState[] = ['Initial', 'Viewed', 'Filtered', 'Drilled-Into', 'Exported'];
const ACTIONS: ViewAction[] = ['view', 'filter', 'clear-filters', 'drill', 'back', 'export'];

describe('the dashboard view interaction state machine (§3.4)', () => {
  it('reaches Exported only from Viewed, Filtered or Drilled-Into', () => {
    const from = STATES.filter((s) => {
      try {
        return transition(s, 'export') === 'Exported';
      } catch {
        return false;
      }
    });
    expect(from).toEqual(['Viewed', 'Filtered', 'Drilled-Into']);
    expect(STATES.filter(canExportFrom)).toEqual(from);
  });

  it('refuses export from Initial and from Exported with a rule violation naming the state', () => {
    for (const s of ['Initial', 'Exported'] as const) {
      expect(() => transition(s, 'export')).toThrow(RuleViolationError);
      try {
        transition(s, 'export');
      } catch (e) {
        expect((e as RuleViolationError).errors).toEqual([
          { field: 'state', message: expect.stringContaining('Viewed, Filtered or Drilled-Into') },
        ]);
      }
    }
  });

  it('returns to Viewed when filters are cleared or the user goes back to the top level', () => {
    for (const s of ['Filtered', 'Drilled-Into', 'Exported'] as const) {
      expect(transition(s, 'clear-filters')).toBe('Viewed');
      expect(transition(s, 'back')).toBe('Viewed');
    }
  });

  it('walks a whole session: view, filter, drill, export, back', () => {
    let s: ViewState = 'Initial';
    const path: ViewState[] = [];
    for (const a of ['view', 'filter', 'drill', 'export', 'back'] as const) path.push((s = transition(s, a)));
    expect(path).toEqual(['Viewed', 'Filtered', 'Drilled-Into', 'Exported', 'Viewed']);
  });

  it('names an audit event for every action (every transition is audited)', () => {
    for (const a of ACTIONS) expect(AUDIT_EVENT_OF[a]).toMatch(/^(accessed|filtered|drilled-into|exported)$/);
  });
});
