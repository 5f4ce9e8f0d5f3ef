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
