import { ConflictError, InvalidInputError, RuleViolationError } from '@cairn/platform/kernel';

/** The closed list of supervision modalities (a CHECK constraint holds the same list). */
export const SUPERVISION_MODALITIES = ['individual', 'group', 'telehealth', 'phone'] as const;
export type SupervisionModality = (typeof SUPERVISION_MODALITIES)[number];

/** One minute to eight hours per session. */
export const MIN_DURATION_MINUTES = 1;
export const MAX_DURATION_MINUTES = 480;

/** The role a supervisee holds, and the roles whose holders may supervise peers. */
export const PEER_ROLE = 'peer_specialist';
export const SUPERVISING_ROLES = ['supervisor'] as const;

/** A record can be corrected by whoever recorded it for this many days; afterwards it is final (409). */
export const EDIT_WINDOW_DAYS = 7;

/** The longest period one report covers. */
export const MAX_REPORT_MONTHS = 24;

/** A calendar month, YYYY-MM. */
export const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const rule = (field: string, message: string) => new RuleViolationError(message, [{ field, message }]);

/** Today's calendar date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The earliest supervision date accepted: an older one is a typo (1025 for 2025), not a record. */
export const EARLIEST_SUPERVISION_DATE = '1990-01-01';

/** Supervision is documented after it happened: a date after today (the organization's) is refused, and so is a typo-old one. */
export function assertSupervisionDate(date: string, today: string): void {
  if (date > today)
    throw rule('supervisionDate', `supervisionDate must not be in the future (today is ${today} in the organization's time zone)`);
  if (date < EARLIEST_SUPERVISION_DATE) throw rule('supervisionDate', `supervisionDate must not be before ${EARLIEST_SUPERVISION_DATE}`);
}

/** The supervisee is not the supervisor. */
export function assertNotSelfSupervision(peerProviderId: string, supervisorId: string): void {
  if (peerProviderId === supervisorId)
    throw rule('supervisorId', 'supervisorId must not be the supervised peer: nobody supervises themselves');
}

/** Only within EDIT_WINDOW_DAYS of recording. */
export function assertEditable(createdAt: Date, now = new Date()): void {
  if (now.getTime() - createdAt.getTime() > EDIT_WINDOW_DAYS * 86_400_000) {
    throw new ConflictError(`A supervision record can be corrected for ${EDIT_WINDOW_DAYS} days after it was recorded; this one is final.`);
  }
}

/** Minutes as decimal hours, to two places. */
export const hoursOf = (minutes: number): number => Math.round((minutes / 60) * 100) / 100;

/**
 * The months from `from` to `to` inclusive (both YYYY-MM). Refuses a malformed month (400 naming the field), a
 * period that ends before it starts or spans more than MAX_REPORT_MONTHS (400 naming `to`).
 */
export function monthsBetween(from: string, to: string): string[] {
  for (const [field, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (!YEAR_MONTH.test(value))
      throw new InvalidInputError('A month is written YYYY-MM.', [{ field, message: `${field} must be a month (YYYY-MM)` }]);
  }
  const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  const first = index(from);
  const last = index(to);
  if (last < first)
    throw new InvalidInputError('The period ends before it starts.', [{ field: 'to', message: 'to must not be before from' }]);
  if (last - first + 1 > MAX_REPORT_MONTHS) {
    throw new InvalidInputError(`A report covers at most ${MAX_REPORT_MONTHS} months.`, [
      { field: 'to', message: `to must be at most ${MAX_REPORT_MONTHS} months after from (inclusive)` },
    ]);
  }
  const months: string[] = [];
  for (let i = first; i <= last; i++) months.push(`${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);
  return months;
}

/** The first day of a month and the first day of the month after `to`: the report's half-open date range. */
export function monthBounds(from: string, to: string): { start: string; endExclusive: string } {
  const [y, m] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { start: `${from}-01`, endExclusive: `${next}-01` };
}

/** Sessions and minutes of one peer, month and modality, as the database sums them. */
export interface SupervisionAggregate {
  peerProviderId: string;
  month: string;
  modality: SupervisionModality;
  sessionCount: number;
  minutes: number;
}

export interface ModalityHours {
  sessionCount: number;
  hours: number;
}

export interface SupervisionReportRow {
  peerProviderId: string;
  peerName: string | null;
  month: string;
  sessionCount: number;
  minutes: number;
  hours: number;
  byModality: Record<SupervisionModality, ModalityHours>;
}

export interface SupervisionPeerTotal {
  peerProviderId: string;
  peerName: string | null;
  sessionCount: number;
  minutes: number;
  hours: number;
  /** Months of the period with no supervision at all: the gaps a supervisor needs to see. */
  monthsWithoutSupervision: string[];
}

export interface SupervisionReport {
  from: string;
  to: string;
  months: string[];
  items: SupervisionReportRow[];
  peers: SupervisionPeerTotal[];
}

const emptyModalities = (): Record<SupervisionModality, ModalityHours> =>
  Object.fromEntries(SUPERVISION_MODALITIES.map((m) => [m, { sessionCount: 0, hours: 0 }])) as Record<SupervisionModality, ModalityHours>;

/**
 * One row per peer per month (zero rows for months without supervision, so gaps show), peers ordered by name
 * then id, months in order. `peers` are every peer to list (with or without supervision in the period); a peer
 * found only in the aggregates is listed too. Hours are summed from minutes, then rounded once.
 */
export function buildSupervisionReport(
  from: string,
  to: string,
  peers: readonly { id: string; name: string | null }[],
  aggregates: readonly SupervisionAggregate[],
): SupervisionReport {
  const months = monthsBetween(from, to);
  const names = new Map<string, string | null>(peers.map((p) => [p.id, p.name]));
  for (const a of aggregates) if (!names.has(a.peerProviderId)) names.set(a.peerProviderId, null);
  const ordered = [...names.entries()].sort(([ia, na], [ib, nb]) => (na ?? '\uffff').localeCompare(nb ?? '\uffff') || ia.localeCompare(ib));
  const cell = new Map<
    string,
    { sessionCount: number; minutes: number; byModality: Record<SupervisionModality, { sessionCount: number; minutes: number }> }
  >();
  for (const a of aggregates) {
    const key = `${a.peerProviderId}|${a.month}`;
    let c = cell.get(key);
    if (!c) {
      c = {
        sessionCount: 0,
        minutes: 0,
        byModality: Object.fromEntries(SUPERVISION_MODALITIES.map((m) => [m, { sessionCount: 0, minutes: 0 }])) as Record<
          SupervisionModality,
          { sessionCount: number; minutes: number }
        >,
      };
      cell.set(key, c);
    }
    c.sessionCount += a.sessionCount;
    c.minutes += a.minutes;
    c.byModality[a.modality].sessionCount += a.sessionCount;
    c.byModality[a.modality].minutes += a.minutes;
  }
  const items: SupervisionReportRow[] = [];
  const totals: SupervisionPeerTotal[] = [];
  for (const [peerProviderId, peerName] of ordered) {
    const total: SupervisionPeerTotal = { peerProviderId, peerName, sessionCount: 0, minutes: 0, hours: 0, monthsWithoutSupervision: [] };
    for (const month of months) {
      const c = cell.get(`${peerProviderId}|${month}`);
      const byModality = emptyModalities();
      if (c)
        for (const m of SUPERVISION_MODALITIES)
          byModality[m] = { sessionCount: c.byModality[m].sessionCount, hours: hoursOf(c.byModality[m].minutes) };
      const sessionCount = c?.sessionCount ?? 0;
      const minutes = c?.minutes ?? 0;
      items.push({ peerProviderId, peerName, month, sessionCount, minutes, hours: hoursOf(minutes), byModality });
      total.sessionCount += sessionCount;
      total.minutes += minutes;
      if (sessionCount === 0) total.monthsWithoutSupervision.push(month);
    }
    total.hours = hoursOf(total.minutes);
    totals.push(total);
  }
  return { from, to, months, items, peers: totals };
}
