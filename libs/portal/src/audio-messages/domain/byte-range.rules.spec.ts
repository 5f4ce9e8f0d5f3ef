import { parseByteRange } from './byte-range.rules';

describe('parseByteRange (RFC 9110 §14)', () => {
  it.each([
    [undefined, 100, { kind: 'full' }],
    ['bytes=0-', 100, { kind: 'partial', start: 0, end: 99 }],
    ['bytes=0-9', 100, { kind: 'partial', start: 0, end: 9 }],
    ['bytes=90-200', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-10', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-500', 100, { kind: 'partial', start: 0, end: 99 }],
    ['BYTES = 5 - 6', 100, { kind: 'partial', start: 5, end: 6 }],
    ['bytes=100-', 100, { kind: 'unsatisfiable' }],
    ['bytes=150-160', 100, { kind: 'unsatisfiable' }],
    ['bytes=-0', 100, { kind: 'unsatisfiable' }],
    ['bytes=0-', 0, { kind: 'unsatisfiable' }],
    ['bytes=5-3', 100, { kind: 'full' }],
    ['bytes=0-1,5-6', 100, { kind: 'full' }],
    ['items=0-1', 100, { kind: 'full' }],
    ['bytes=-', 100, { kind: 'full' }],
    ['bytes=9999999999999999-', 100, { kind: 'full' }],
    ['garbage', 100, { kind: 'full' }],
  ])('%s of %i bytes', (header, size, expected) => expect(parseByteRange(header, size)).toEqual(expected));
});
