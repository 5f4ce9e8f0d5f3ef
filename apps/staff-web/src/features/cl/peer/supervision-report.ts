import type { Schemas } from '../../../api/client';

export type SupervisionReport = Schemas['PeerSupervisionReportDto'];

const YEAR_MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
export const isMonth = (s: string | null | undefined): s is string => !!s && YEAR_MONTH.test(s);

/** The month of a date and the month `n` months before it (YYYY-MM). */
export function monthsBack(today: Date, n: number): { from: string; to: string } {
  const ym = (y: number, m: number) => `${y}-${String(m + 1).padStart(2, '0')}`;
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  const back = new Date(Date.UTC(y, m - n, 1));
  return { from: ym(back.getUTCFullYear(), back.getUTCMonth()), to: ym(y, m) };
}

/** "Nov 2025" for "2025-11". */
export function monthLabel(ym: string): string {
  const [y, m] = ym.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, 1)).toLocaleString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

/** One chart per peer: their hours in each month of the period, zero months included. */
export function chartsPerPeer(
  r: SupervisionReport,
): { peerProviderId: string; name: string; totalHours: number; months: { month: string; label: string; hours: number }[] }[] {
  return r.peers.map((p) => ({
    peerProviderId: p.peerProviderId,
    name: p.peerName ?? p.peerProviderId,
    totalHours: p.hours,
    months: r.months.map((month) => ({
      month,
      label: monthLabel(month),
      hours: r.items.find((i) => i.peerProviderId === p.peerProviderId && i.month === month)?.hours ?? 0,
    })),
  }));
}
