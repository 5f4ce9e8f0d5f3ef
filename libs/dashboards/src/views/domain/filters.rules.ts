import { ForbiddenError, InvalidInputError, isCalendarDate } from '@cairn/platform/kernel';

import { localParts } from './freshness.rules';

export const DATE_RANGES = ['today', 'this-week', 'custom'] as const;
export type DateRangeKind = (typeof DATE_RANGES)[number];

/** The longest custom range a view answers (a year and a day). */
export const MAX_VIEW_RANGE_DAYS = 366;

export interface FilterInput {
  range?: DateRangeKind;
  from?: string;
  to?: string;
  siteId?: string;
  providerId?: string;
}

export interface ResolvedFilters {
  range: DateRangeKind;
  from: string;
  to: string;
  siteId: string | null;
  providerId: string | null;
}

export const addDays = (day: string, n: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/**
 * The date range of a view: today, this week (Monday to Sunday) in the organization's time zone, or a custom
 * from/to. from/to with another range, or a custom range without both, is refused naming the field.
 */
export function resolveFilters(input: FilterInput, now: Date, timeZone: string): ResolvedFilters {
  const range = input.range ?? (input.from || input.to ? 'custom' : 'today');
  const today = localParts(now, timeZone).day;
  const errors: { field: string; message: string }[] = [];
  let from = today;
  let to = today;
  if (range === 'custom') {
    if (!input.from || !isCalendarDate(input.from)) errors.push({ field: 'from', message: 'a custom range needs from (YYYY-MM-DD)' });
    if (!input.to || !isCalendarDate(input.to)) errors.push({ field: 'to', message: 'a custom range needs to (YYYY-MM-DD)' });
    if (!errors.length) {
      from = input.from as string;
      to = input.to as string;
      if (to < from) errors.push({ field: 'to', message: 'to must not be before from' });
      else if (daysBetween(from, to) > MAX_VIEW_RANGE_DAYS)
        errors.push({ field: 'to', message: `a range covers at most ${MAX_VIEW_RANGE_DAYS} days` });
    }
  } else {
    if (input.from) errors.push({ field: 'from', message: `from is only for range=custom (range is ${range})` });
    if (input.to) errors.push({ field: 'to', message: `to is only for range=custom (range is ${range})` });
    if (range === 'this-week') {
      const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
      from = addDays(today, -weekday);
      to = addDays(from, 6);
    }
  }
  if (errors.length) throw new InvalidInputError('The dashboard filters are not valid.', errors);
  return { range, from, to, siteId: input.siteId ?? null, providerId: input.providerId ?? null };
}

/** Roles that see only their own figures (the practitioner view, §13.4; issue 16 item 5). */
export const OWN_FIGURES_ROLES: readonly string[] = ['clinician', 'peer_specialist', 'supervisor'];

/** Who is asking: their roles in the organization, the sites they may view dashboards at, and their grants. */
export interface Caller {
  userId: string;
  roles: string[];
  sites: 'all' | string[];
  crossSite: boolean;
}

/** A caller all of whose roles are practitioner roles sees only their own figures. */
export const ownFiguresOnly = (caller: Caller): boolean =>
  caller.roles.length > 0 && caller.roles.every((r) => OWN_FIGURES_ROLES.includes(r));

/**
 * A filter outside the caller's scope is refused, never silently widened or narrowed: a site they may not view,
 * another provider's figures for a practitioner. Returns the refusal (to be audited and answered 403) or null.
 */
export function filterOutsideScope(filters: ResolvedFilters, caller: Caller): ForbiddenError | null {
  if (filters.siteId && caller.sites !== 'all' && !caller.sites.includes(filters.siteId))
    return new ForbiddenError('The site filter is outside your scope.', [
      { field: 'siteId', message: 'you may not view dashboards of this site' },
    ]);
  if (filters.providerId && ownFiguresOnly(caller) && filters.providerId !== caller.userId)
    return new ForbiddenError('Practitioners see only their own figures.', [
      { field: 'providerId', message: "another provider's figures are outside your scope" },
    ]);
  return null;
}

/** Whether any filter beyond the default (today, every site and provider in scope) is set: the view is Filtered. */
export const isFiltered = (input: FilterInput): boolean =>
  Boolean((input.range && input.range !== 'today') || input.from || input.to || input.siteId || input.providerId);
