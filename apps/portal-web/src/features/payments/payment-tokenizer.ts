import type { NewPaymentMethod } from '../../api/client';

/**
 * Card tokenisation: the card number and security code go to the payment processor, never to Cairn (libs/portal
 * README "No card number is ever stored"). A tokenizer turns what the client typed into the processor's token and
 * the few facts Cairn keeps (brand, last four digits, expiry); the page posts only that to the API.
 *
 * A production deployment configures the processor's own hosted fields behind this interface (their iframe holds
 * the number, their script returns the token). This repository reaches no processor, so the portal ships the
 * development tokenizer below and says so on the form.
 */
export interface CardDetails {
  /** As typed: digits, spaces or dashes. */
  number: string;
  expMonth: number;
  /** Four digits. */
  expYear: number;
  cvc: string;
}

export type TokenizedCard = Pick<NewPaymentMethod, 'processor' | 'processorToken' | 'brand' | 'last4' | 'expMonth' | 'expYear'>;

export interface PaymentTokenizer {
  /** Shown beside the card form, so the client knows where the number goes. */
  readonly notice: string;
  tokenize(card: CardDetails): Promise<TokenizedCard>;
}

/** A card the tokenizer refused, with the field to fix and a sentence for the client. */
export class CardDetailsError extends Error {
  constructor(
    readonly field: 'number' | 'expiry' | 'cvc',
    message: string,
  ) {
    super(message);
  }
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** The card network by the number's first digits (the brands the API knows). */
export function cardBrand(digits: string): TokenizedCard['brand'] {
  const two = Number(digits.slice(0, 2));
  const four = Number(digits.slice(0, 4));
  if (digits.startsWith('4')) return 'visa';
  if ((two >= 51 && two <= 55) || (four >= 2221 && four <= 2720)) return 'mastercard';
  if (two === 34 || two === 37) return 'amex';
  if (digits.startsWith('6011') || digits.startsWith('65') || (four >= 6440 && four <= 6499)) return 'discover';
  if (two === 36 || two === 38 || (four >= 3000 && four <= 3059)) return 'diners';
  if (four >= 3528 && four <= 3589) return 'jcb';
  if (two === 62) return 'unionpay';
  return 'other';
}

/** Checks what a processor's hosted fields would check before they tokenise; throws CardDetailsError. */
export function checkCard(card: CardDetails, today: Date = new Date()): string {
  const digits = card.number.replace(/[\s-]/g, '');
  if (!/^\d{13,19}$/.test(digits))
    throw new CardDetailsError('number', 'Enter the long number on the front of your card (13 to 19 digits).');
  if (!luhnValid(digits)) throw new CardDetailsError('number', 'That card number is not right. Check it and try again.');
  const month = today.getMonth() + 1;
  const year = today.getFullYear();
  if (!(card.expMonth >= 1 && card.expMonth <= 12) || !(card.expYear >= 2000 && card.expYear <= 2100))
    throw new CardDetailsError('expiry', 'Choose the month and year your card expires.');
  if (card.expYear < year || (card.expYear === year && card.expMonth < month))
    throw new CardDetailsError('expiry', 'This card has expired. Use a card that is still valid.');
  const cvcLength = cardBrand(digits) === 'amex' ? 4 : 3;
  if (!new RegExp(`^\\d{${cvcLength}}$`).test(card.cvc.trim()))
    throw new CardDetailsError('cvc', `Enter the ${cvcLength}-digit security code from your card.`);
  return digits;
}

const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * The DEVELOPMENT stand-in for the processor's hosted fields: it runs entirely in the browser, checks the card as
 * hosted fields do, and returns a random token (`devtok_` + 24 random letters and digits, nothing derived from the
 * card) with the brand, last four digits and expiry. The number and security code never leave this function. A
 * processor would keep a charge-able card behind its token; this one keeps nothing, so nothing can be charged with
 * it. `processor` is the processor the deployment names (the API accepts stripe, square or authorize_net).
 */
export class DevelopmentTokenizer implements PaymentTokenizer {
  readonly notice =
    'Development mode: your card is checked in this browser and replaced by a test token. In a real clinic the card number goes straight to the payment processor.';

  constructor(
    private readonly processor: TokenizedCard['processor'] = 'stripe',
    private readonly today: () => Date = () => new Date(),
  ) {}

  async tokenize(card: CardDetails): Promise<TokenizedCard> {
    const digits = checkCard(card, this.today());
    const random = crypto.getRandomValues(new Uint8Array(24));
    const token = `devtok_${Array.from(random, (b) => TOKEN_ALPHABET[b % TOKEN_ALPHABET.length]).join('')}`;
    return {
      processor: this.processor,
      processorToken: token,
      brand: cardBrand(digits),
      last4: digits.slice(-4),
      expMonth: card.expMonth,
      expYear: card.expYear,
    };
  }
}
