/** The part of the bytes a request asks for (RFC 9110 §14): all of it, one range, or a range that cannot be served. */
export type ByteRange = { kind: 'full' } | { kind: 'partial'; start: number; end: number } | { kind: 'unsatisfiable' };

/**
 * Reads a Range header against a representation of `size` bytes. One `bytes=` range is served (`a-b`, `a-`,
 * `-suffix`); the end is clamped to the last byte. A header that is not a valid single bytes range (another unit,
 * several ranges, `5-3`, garbage) is ignored, as RFC 9110 allows: the whole file is sent. A valid range starting at
 * or past the end (or a zero suffix, or any range of an empty file) is unsatisfiable (416).
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange {
  if (header === undefined) return { kind: 'full' };
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m || (m[1] === '' && m[2] === '')) return { kind: 'full' };
  const [a, b] = [m[1]!, m[2]!];
  if (a.length > 15 || b.length > 15) return { kind: 'full' };
  if (a === '') {
    const suffix = Number(b);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(a);
  if (b !== '' && Number(b) < start) return { kind: 'full' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end: b === '' ? size - 1 : Math.min(Number(b), size - 1) };
}
