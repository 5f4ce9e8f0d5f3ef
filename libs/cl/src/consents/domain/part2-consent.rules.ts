import type { FieldError } from '@cairn/platform/kernel';

import { CONSENT_STATEMENTS, ConsentRecipient, ConsentType, TPO_PURPOSES } from './part2-consent.view';

/** What a new consent says (already shape-checked by the HTTP DTO, or built by trusted code). */
export interface Part2ConsentInput {
  consentType: ConsentType;
  disclosingParty: string;
  informationDescription: string;
  recordTypes: string[];
  recipients: ConsentRecipient[];
  purposes: string[];
  effectiveOn?: string;
  expiresOn?: string;
  expirationEvent?: string;
  signedBy: string;
  signedOn: string;
  statements: string[];
}

const SECTION = '42 CFR §2.31';

/** The required statement each acknowledgement stands for. */
const STATEMENT_ELEMENT: Record<(typeof CONSENT_STATEMENTS)[number], string> = {
  right_to_revoke: `the patient's right to revoke the consent and how (${SECTION}(a)(6))`,
  redisclosure: `that disclosed records may be redisclosed and no longer protected (${SECTION}, required statements)`,
  treatment_not_conditioned: `whether treatment or payment may be conditioned on signing (${SECTION}, required statements)`,
};

/**
 * The §2.31 rules a consent must meet beyond the presence of its fields (which the DTO checks): each problem
 * names its field and the element it comes from. Empty when the consent is complete.
 */
export function part2ConsentProblems(input: Part2ConsentInput, today: string): FieldError[] {
  const problems: FieldError[] = [];
  const add = (field: string, message: string) => problems.push({ field, message });

  if (!input.disclosingParty?.trim()) add('disclosingParty', `disclosingParty must name who may disclose (${SECTION}(a)(2))`);
  if (!input.informationDescription?.trim()) {
    add('informationDescription', `informationDescription must say how much and what kind of information (${SECTION}(a)(3))`);
  }
  if (input.consentType === 'tpo') {
    const missing = TPO_PURPOSES.filter((p) => !input.purposes.includes(p));
    if (missing.length) {
      add(
        'purposes',
        `purposes of a TPO consent must include treatment, payment and health_care_operations; missing ${missing.join(', ')} (${SECTION}(a)(5))`,
      );
    }
  }
  // Expiration (§2.31(a)(7)): a date or an event; "none" is accepted only for a TPO consent.
  const event = input.expirationEvent?.trim();
  if (!input.expiresOn && !event) add('expiresOn', `expiresOn or expirationEvent is required: when the consent ends (${SECTION}(a)(7))`);
  if (!input.expiresOn && event && event.toLowerCase() === 'none' && input.consentType !== 'tpo') {
    add('expirationEvent', `expirationEvent "none" is allowed only for a TPO consent; give a date or an event (${SECTION}(a)(7))`);
  }
  const effectiveOn = input.effectiveOn ?? input.signedOn;
  if (input.signedOn > today) add('signedOn', `signedOn cannot be in the future (${SECTION}(a)(9))`);
  if (effectiveOn < input.signedOn) add('effectiveOn', 'effectiveOn cannot be before the consent was signed');
  if (input.expiresOn && input.expiresOn < effectiveOn) add('expiresOn', 'expiresOn cannot be before effectiveOn');
  for (const s of CONSENT_STATEMENTS) {
    if (!input.statements.includes(s)) add('statements', `statements must include ${s}: ${STATEMENT_ELEMENT[s]}`);
  }
  return problems;
}
