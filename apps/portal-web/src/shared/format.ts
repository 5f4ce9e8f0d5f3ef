/** Dates as a client reads them ("Tuesday, January 6"), without shifting a calendar day across time zones. */
export function dayWords(isoDay: string, opts: { weekday?: boolean; year?: boolean } = {}): string {
  const [y, m, d] = isoDay.slice(0, 10).split('-').map(Number);
  return new Date(y!, (m ?? 1) - 1, d ?? 1).toLocaleDateString('en-US', {
    weekday: opts.weekday ? 'long' : undefined,
    month: 'long',
    day: 'numeric',
    year: opts.year ? 'numeric' : undefined,
  });
}

export function shortDay(isoDay: string): string {
  const [, m, d] = isoDay.slice(0, 10).split('-').map(Number);
  return `${m}/${d}`;
}

export function dateTimeWords(iso: string): string {
  return new Date(iso).toLocaleString('en-US', { weekday: 'long', month: 'long', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

/** The day before an ISO day (YYYY-MM-DD), in UTC arithmetic so no time zone moves it. */
export function previousDay(isoDay: string): string {
  const t = Date.parse(`${isoDay}T00:00:00Z`) - 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}
