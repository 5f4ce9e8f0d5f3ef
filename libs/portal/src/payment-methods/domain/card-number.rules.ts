import type { FieldError } from '@cairn/platform/kernel';

/** The shortest and longest primary account numbers (ISO/IEC 7812): 13 to 19 digits. */
export const PAN_MIN_DIGITS = 13;
export const PAN_MAX_DIGITS = 19;

/** Field names that can only mean a card number or its security code (compared lower-case, without `_`/`-`). */
const CARD_FIELD_NAMES = new Set([
  'cvv',
  'cvv2',
  'cvc',
  'cvc2',
  'cid',
  'csc',
  'securitycode',
  'cardsecuritycode',
  'cardcode',
  'cardverificationvalue',
  'cardnumber',
  'cardno',
  'ccnumber',
  'creditcardnumber',
  'pan',
]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Digits, with at most one space or dash between two digits: how people write card numbers. */
const DIGIT_RUN = /\d(?:[ -]?\d)*/g;

/** The Luhn (mod 10) check every payment card number passes. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * Whether text holds a card number: a Luhn-valid run of 13-19 digits, written plain or in groups separated by
 * single spaces or dashes ("4111 1111 1111 1111", "3782-822463-10005"). Any consecutive groups of a longer run
 * count too, so a number written next to another ("ref 12 4111 1111 1111 1111") is still found. A whole string
 * that is a UUID is an id, not a card (its digit groups can happen to pass Luhn).
 */
export function containsCardNumber(text: string): boolean {
  if (UUID.test(text)) return false;
  for (const run of text.match(DIGIT_RUN) ?? []) {
    const groups = run.split(/[ -]/);
    for (let i = 0; i < groups.length; i++) {
      let digits = '';
      for (let j = i; j < groups.length; j++) {
        digits += groups[j];
        if (digits.length > PAN_MAX_DIGITS) break;
        if (digits.length >= PAN_MIN_DIGITS && luhnValid(digits)) return true;
      }
    }
  }
  return false;
}

const pathOf = (parent: string, key: string | number) => (parent ? `${parent}.${key}` : String(key));

/**
 * Why a field was refused, in words a client understands: the check cannot tell a card number from another long
 * number that passes the card checksum (about one in ten do, a claim number for one), so it says what to do instead.
 */
export const CARD_NUMBER_REFUSAL =
  'holds a long number that could be a payment card number (13 to 19 digits), and Cairn never stores card numbers: ' +
  'leave it out, or give only its last four digits';

/**
 * Every field of a parsed request (body or query) that holds a card number or is named like one or like its
 * security code (CVV). Fields are dotted paths as the validation pipe reports them. Iterative and bounded: the
 * hostile-input middleware has already refused deep nesting.
 */
export function findCardData(value: unknown, root = ''): FieldError[] {
  const errors: FieldError[] = [];
  const stack: { value: unknown; path: string }[] = [{ value, path: root }];
  while (stack.length > 0 && errors.length < 20) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') {
      if (containsCardNumber(String(v))) errors.push({ field: path || '(body)', message: CARD_NUMBER_REFUSAL });
    } else if (Array.isArray(v)) {
      v.forEach((item, i) => stack.push({ value: item, path: pathOf(path, i) }));
    } else if (v !== null && typeof v === 'object') {
      for (const [key, item] of Object.entries(v)) {
        const field = pathOf(path, key);
        if (CARD_FIELD_NAMES.has(key.toLowerCase().replace(/[_-]/g, '')))
          errors.push({ field, message: 'must not be sent: Cairn never stores a card number or security code' });
        else if (containsCardNumber(key)) errors.push({ field, message: CARD_NUMBER_REFUSAL });
        else stack.push({ value: item, path: field });
      }
    }
  }
  return errors;
}
