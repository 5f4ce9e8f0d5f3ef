import { describe, expect, it } from 'vitest';

import { cardBrand, CardDetailsError, DevelopmentTokenizer, luhnValid } from './payment-tokenizer';

const today = () => new Date('2026-12-05T12:00:00Z');

describe('DevelopmentTokenizer', () => {
  it('returns a random token with nothing of the number in it, the brand, last four and expiry', async () => {
    const t = new DevelopmentTokenizer('stripe', today);
    const a = await t.tokenize({ number: '4242 4242 4242 4242', expMonth: 8, expYear: 2029, cvc: '123' });
    const b = await t.tokenize({ number: '4242-4242-4242-4242', expMonth: 8, expYear: 2029, cvc: '123' });
    expect(a).toMatchObject({ processor: 'stripe', brand: 'visa', last4: '4242', expMonth: 8, expYear: 2029 });
    expect(a.processorToken).toMatch(/^devtok_[A-Za-z0-9]{24}$/);
    expect(a.processorToken).not.toBe(b.processorToken);
    expect(JSON.stringify(a)).not.toContain('424242');
    expect(JSON.stringify(a)).not.toContain('123');
  });

  it('refuses a mistyped number, an expired card and a short security code with the field to fix', async () => {
    const t = new DevelopmentTokenizer('stripe', today);
    const refusal = (p: Promise<unknown>) =>
      p.then(
        () => null,
        (e: unknown) => e as CardDetailsError,
      );
    expect((await refusal(t.tokenize({ number: '4242 4242 4242 4241', expMonth: 8, expYear: 2029, cvc: '123' })))?.field).toBe('number');
    expect((await refusal(t.tokenize({ number: '4242', expMonth: 8, expYear: 2029, cvc: '123' })))?.field).toBe('number');
    expect((await refusal(t.tokenize({ number: '4242424242424242', expMonth: 11, expYear: 2026, cvc: '123' })))?.field).toBe('expiry');
    expect((await refusal(t.tokenize({ number: '4242424242424242', expMonth: 0, expYear: 0, cvc: '123' })))?.field).toBe('expiry');
    expect((await refusal(t.tokenize({ number: '378282246310005', expMonth: 1, expYear: 2030, cvc: '123' })))?.message).toBe(
      'Enter the 4-digit security code from your card.',
    );
    // The current month is still valid.
    await expect(t.tokenize({ number: '4242424242424242', expMonth: 12, expYear: 2026, cvc: '123' })).resolves.toBeTruthy();
  });

  it('knows the networks by their first digits and checks Luhn', () => {
    expect(cardBrand('5555555555554444')).toBe('mastercard');
    expect(cardBrand('2223003122003222')).toBe('mastercard');
    expect(cardBrand('378282246310005')).toBe('amex');
    expect(cardBrand('6011111111111117')).toBe('discover');
    expect(cardBrand('3566002020360505')).toBe('jcb');
    expect(cardBrand('9999999999999995')).toBe('other');
    expect(luhnValid('4242424242424242')).toBe(true);
    expect(luhnValid('4242424242424241')).toBe(false);
  });
});
