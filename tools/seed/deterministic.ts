import { createHash } from 'node:crypto';

/** A source of numbers in [0, 1). */
export type Rng = () => number;

/** One part of a derived name: ids and random streams are derived from (seed, kind, index)-like tuples. */
export type NamePart = string | number;

/** mulberry32: a tiny seeded PRNG; the same seed gives the same sequence on every machine and Node version. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const joinParts = (parts: readonly NamePart[]): string => parts.map(String).join('\u001f');

/**
 * An independent random stream per name (e.g. one per patient), so a record does not depend on how many
 * records were generated before it or on the batch it falls into.
 */
export function rngFor(...parts: NamePart[]): Rng {
  return mulberry32(createHash('sha256').update(joinParts(parts)).digest().readUInt32BE(0));
}

/** A v4-shaped UUID from SHA-256 of the parts: re-running the seed yields the same ids. */
export function stableUuid(...parts: NamePart[]): string {
  const h = createHash('sha256').update(joinParts(parts)).digest();
  h[6] = (h[6]! & 0x0f) | 0x40;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('pick from an empty list');
  return items[Math.floor(rng() * items.length)]!;
}

/** A whole number in [min, max], both included. */
export function intBetween(rng: Rng, min: number, max: number): number {
  if (!Number.isInteger(min) || !Number.isInteger(max) || max < min) throw new RangeError(`bad range [${min}, ${max}]`);
  return min + Math.floor(rng() * (max - min + 1));
}

export function chance(rng: Rng, probability: number): boolean {
  return rng() < probability;
}

/** Picks by relative weight: weightedPick(rng, [['a', 3], ['b', 1]]) gives 'a' three times as often. */
export function weightedPick<T>(rng: Rng, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, w]) => sum + w, 0);
  if (!(total > 0)) throw new RangeError('weightedPick needs a positive total weight');
  let r = rng() * total;
  for (const [value, weight] of choices) {
    r -= weight;
    if (r < 0) return value;
  }
  return choices[choices.length - 1]![0];
}

/** Adds whole days to a YYYY-MM-DD date (UTC, so no daylight-saving drift). */
export function addDays(isoDate: string, days: number): string {
  const t = Date.parse(`${isoDate}T00:00:00Z`);
  if (Number.isNaN(t)) throw new RangeError(`not a date: ${isoDate}`);
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * How far the demo's fixed-date records (groups, peer encounters, supervision, portal care) move so they keep their
 * distance from the day the demo is anchored on: whole weeks (weekdays stay; a weekly group still meets on its day)
 * and whole months (monthly supervision), both 0 on `reference` (2026-01-01, the day they were written for and the
 * day tests anchor on), so tests see the dates they pin.
 */
export function demoShift(today: string, reference = '2026-01-01'): { days: number; months: number } {
  const diff = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${reference}T00:00:00Z`)) / 86_400_000);
  const monthIndex = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7)) - 1;
  return { days: 7 * Math.floor(diff / 7), months: monthIndex(today) - monthIndex(reference) };
}

/** A YYYY-MM month moved by `months`. */
export function addMonths(month: string, months: number): string {
  const i = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + months;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

const ISO_DAY_OR_INSTANT = /^(\d{4}-\d{2}-\d{2})(T.*)?$/;

/** Every YYYY-MM-DD or YYYY-MM-DDThh:mm... string value of `rows` moved by `days` (other values as they are). */
export function shiftDatesOf<T extends Record<string, unknown>>(rows: readonly T[], days: number): T[] {
  if (days === 0) return [...rows];
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) {
      const m = typeof v === 'string' ? ISO_DAY_OR_INSTANT.exec(v) : null;
      out[k] = m ? `${addDays(m[1]!, days)}${m[2] ?? ''}` : v;
    }
    return out as T;
  });
}
