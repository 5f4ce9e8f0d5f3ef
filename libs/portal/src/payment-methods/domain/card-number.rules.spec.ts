import fc from 'fast-check';

import { containsCardNumber, findCardData, luhnValid } from './card-number.rules';

/** The Luhn check digit that completes `body` into a valid number. */
function withCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body + d)) return body + d;
  throw new Error('unreachable');
}

/** A Luhn-valid 13-19 digit card number (random issuer digits). */
const pan = fc
  .integer({ min: 13, max: 19 })
  .chain((n) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n - 1, maxLength: n - 1 }))
  .map((digits) => withCheckDigit(digits.join('')));

/** The same number as people write it: plain, or in groups separated by single spaces or dashes. */
const written = pan.chain((number) =>
  fc
    .record({
      number: fc.constant(number),
      cuts: fc.uniqueArray(fc.integer({ min: 1, max: number.length - 1 }), { maxLength: 5 }),
      separator: fc.constantFrom(' ', '-'),
    })
    .map(({ number: n, cuts, separator }) => {
      const sorted = [...cuts].sort((a, b) => a - b);
      let out = '';
      let from = 0;
      for (const c of sorted) {
        out += n.slice(from, c) + separator;
        from = c;
      }
      return out + n.slice(from);
    }),
);

/** Text that cannot run into the number: no digits at its edge next to it. */
const prose = fc.string({ maxLength: 40 }).map((s) => s.replace(/[0-9 -]/g, 'x'));

describe('luhnValid', () => {
  it('accepts the well-known test card numbers and refuses a changed digit', () => {
    for (const n of ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '4222222222222'])
      expect(luhnValid(n)).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
  });
});

describe('containsCardNumber', () => {
  it('finds any Luhn-valid 13-19 digit number, however it is grouped, wherever it is in the text (property)', () => {
    fc.assert(
      fc.property(prose, written, prose, (before, number, after) => {
        expect(containsCardNumber(`${before} ${number} ${after}`)).toBe(true);
        expect(containsCardNumber(`${before}${number}${after}`)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('finds the number next to other numbers written in groups (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99999 }), written, (other, number) => {
        expect(containsCardNumber(`ref ${other} ${number}`)).toBe(true);
        expect(containsCardNumber(`${number}-${other} thanks`)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves digit runs that fail Luhn, or are too short or too long, alone (property)', () => {
    fc.assert(
      fc.property(pan, fc.integer({ min: 1, max: 9 }), (number, delta) => {
        const last = (Number(number.at(-1)) + delta) % 10;
        const broken = number.slice(0, -1) + last;
        // Not the whole run, and no 13-19 digit part of it (a plain run has only itself).
        expect(containsCardNumber(`card ${broken} end`)).toBe(false);
      }),
      { numRuns: 500 },
    );
    expect(containsCardNumber('call 555-123-4567 at 9')).toBe(false);
    expect(containsCardNumber('123456789012')).toBe(false); // 12 digits
    expect(containsCardNumber('41111111111111110000')).toBe(false); // 20 digits in one run: not a card number
    expect(containsCardNumber('4111.1111.1111.1111')).toBe(false); // dots are not how the rule reads groups
  });

  it('never takes an id for a card number (property)', () => {
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(containsCardNumber(id)).toBe(false);
      }),
      { numRuns: 500 },
    );
    expect(containsCardNumber('41111111-1111-4111-8111-111111111111')).toBe(false);
  });
});

describe('findCardData', () => {
  it('names the field wherever the number is in a request (property)', () => {
    const key = fc.stringMatching(/^[a-z][a-zA-Z]{0,11}$/).filter((k) => !['cvv', 'cvc', 'cid', 'csc', 'pan'].includes(k.toLowerCase()));
    fc.assert(
      fc.property(key, key, written, fc.boolean(), (outer, inner, number, inArray) => {
        const leaf = `my card is ${number}`;
        const body = { title: 'ok', [outer]: inArray ? ['fine', { [inner]: leaf }] : { [inner]: leaf } };
        const fields = findCardData(body).map((e) => e.field);
        expect(fields).toEqual([inArray ? `${outer}.1.${inner}` : `${outer}.${inner}`]);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a security code or card number by its field name, and a number sent as a JSON number', () => {
    expect(findCardData({ processorToken: 'pm_1Qa', cvv: '123' })).toEqual([
      { field: 'cvv', message: expect.stringContaining('security code') },
    ]);
    expect(
      findCardData({ card: { Card_Number: 'x', 'security-code': '1234' } })
        .map((e) => e.field)
        .sort(),
    ).toEqual(['card.Card_Number', 'card.security-code']);
    expect(findCardData({ memberId: 4111111111111111 })).toEqual([{ field: 'memberId', message: expect.stringContaining('card number') }]);
    // The client reads why, and what to do instead (the check cannot tell a claim number that passes Luhn from a card).
    expect(findCardData({ note: 'my claim number 4111111111111111' })[0]!.message).toMatch(/13 to 19 digits.*last four digits/);
    expect(findCardData('4111 1111 1111 1111')).toEqual([{ field: '(body)', message: expect.any(String) }]);
  });

  it('lets ordinary portal input through', () => {
    expect(
      findCardData({
        body: 'Slept 7 hours, walked 2 km. Appointment 2026-12-05 at 10:30, call 520-555-0142.',
        fileId: '3f1c2a9e-7b1d-4c8e-9a0b-1234567890ab',
        memberId: 'XKZ123456789',
        score: 7,
        symptoms: ['anxiety'],
      }),
    ).toEqual([]);
  });
});
