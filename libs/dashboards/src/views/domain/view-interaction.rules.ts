import { RuleViolationError } from '@cairn/platform/kernel';

/** The dashboard view interaction states (§3.4). `Initial`: nothing loaded yet. */
export type ViewState = 'Initial' | 'Viewed' | 'Filtered' | 'Drilled-Into' | 'Exported';
export type ViewAction = 'view' | 'filter' | 'clear-filters' | 'drill' | 'back' | 'export';

/** The dashboard audit event a transition writes (every transition is audited with actor and time). */
export const AUDIT_EVENT_OF: Record<ViewAction, 'accessed' | 'filtered' | 'drilled-into' | 'exported'> = {
  view: 'accessed',
  filter: 'filtered',
  'clear-filters': 'accessed',
  drill: 'drilled-into',
  back: 'accessed',
  export: 'exported',
};

const TRANSITIONS: Record<ViewState, Partial<Record<ViewAction, ViewState>>> = {
  Initial: { view: 'Viewed', filter: 'Filtered', drill: 'Drilled-Into' },
  Viewed: { view: 'Viewed', filter: 'Filtered', drill: 'Drilled-Into', export: 'Exported', 'clear-filters': 'Viewed', back: 'Viewed' },
  Filtered: { view: 'Viewed', filter: 'Filtered', 'clear-filters': 'Viewed', back: 'Viewed', drill: 'Drilled-Into', export: 'Exported' },
  'Drilled-Into': {
    view: 'Viewed',
    back: 'Viewed',
    'clear-filters': 'Viewed',
    drill: 'Drilled-Into',
    filter: 'Drilled-Into',
    export: 'Exported',
  },
  Exported: { view: 'Viewed', back: 'Viewed', 'clear-filters': 'Viewed', filter: 'Filtered', drill: 'Drilled-Into' },
};

/**
 * The next state, or a RuleViolationError when the action is not reachable from `state`. Export is reachable only
 * from Viewed, Filtered or Drilled-Into (§3.4); clearing filters or going back returns to Viewed. No transition
 * touches a source module: this function is the whole of it.
 */
export function transition(state: ViewState, action: ViewAction): ViewState {
  const next = TRANSITIONS[state][action];
  if (!next)
    throw new RuleViolationError(`"${action}" is not reachable from the ${state} state.`, [
      {
        field: 'state',
        message:
          action === 'export' ? 'export needs a view that is Viewed, Filtered or Drilled-Into' : `${action} is not allowed from ${state}`,
      },
    ]);
  return next;
}

/** Whether export may start from `state` (the export routes call this before checking the export permission). */
export const canExportFrom = (state: ViewState): boolean => state === 'Viewed' || state === 'Filtered' || state === 'Drilled-Into';
