import type { ClRow } from '../../cl.tx';

type Part2Consent = ClRow<'part2Consent'>;

export const CONSENT_TYPES = ['tpo', 'specific_disclosure'] as const;
export type ConsentType = (typeof CONSENT_TYPES)[number];

/** Purposes a consent can name; a TPO consent names the first three. */
export const CONSENT_PURPOSES = [
  'treatment',
  'payment',
  'health_care_operations',
  'care_coordination',
  'legal',
  'research',
  'other',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export const TPO_PURPOSES: readonly ConsentPurpose[] = ['treatment', 'payment', 'health_care_operations'];

/** Who signed: the patient, or a person authorized to consent for them (42 CFR §2.14, §2.15). */
export const CONSENT_SIGNERS = ['patient', 'guardian', 'personal_representative'] as const;

/** Statements the consent form must contain, acknowledged when it is recorded. */
export const CONSENT_STATEMENTS = ['right_to_revoke', 'redisclosure', 'treatment_not_conditioned'] as const;
export type ConsentStatement = (typeof CONSENT_STATEMENTS)[number];

export const REVOCATION_METHODS = ['written', 'oral'] as const;

/** A recipient: an organization (all of it), a Part 2 program (its staff on the patient's care team), or a role. */
export type ConsentRecipient =
  | { type: 'organization'; organizationId: string; name?: string }
  | { type: 'program'; programName: string }
  | { type: 'role'; roleKey: string };

export interface Part2ConsentView {
  id: string;
  patientId: string;
  chartId: string;
  consentType: ConsentType;
  disclosingParty: string;
  informationDescription: string;
  recordTypes: string[];
  recipients: ConsentRecipient[];
  purposes: string[];
  effectiveOn: string;
  expiresOn: string | null;
  expirationEvent: string | null;
  signedBy: string;
  signedOn: string;
  statements: string[];
  /** 'active', 'revoked', 'expired' or 'pending' (not yet effective), as of today. */
  status: 'active' | 'revoked' | 'expired' | 'pending';
  createdAt: string;
  revokedAt: string | null;
  revocationMethod: string | null;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

export function consentStatus(c: Pick<Part2Consent, 'revokedAt' | 'effectiveOn' | 'expiresOn'>, today: string): Part2ConsentView['status'] {
  if (c.revokedAt) return 'revoked';
  if (day(c.effectiveOn) > today) return 'pending';
  if (c.expiresOn && day(c.expiresOn) < today) return 'expired';
  return 'active';
}

export function toConsentView(c: Part2Consent, today = new Date().toISOString().slice(0, 10)): Part2ConsentView {
  return {
    id: c.id,
    patientId: c.patientId,
    chartId: c.chartId,
    consentType: c.consentType as ConsentType,
    disclosingParty: c.disclosingParty,
    informationDescription: c.informationDescription,
    recordTypes: c.recordTypes,
    recipients: c.recipients as unknown as ConsentRecipient[],
    purposes: c.purposes,
    effectiveOn: day(c.effectiveOn),
    expiresOn: c.expiresOn ? day(c.expiresOn) : null,
    expirationEvent: c.expirationEvent,
    signedBy: c.signedBy,
    signedOn: day(c.signedOn),
    statements: c.statements,
    status: consentStatus(c, today),
    createdAt: c.createdAt.toISOString(),
    revokedAt: c.revokedAt ? c.revokedAt.toISOString() : null,
    revocationMethod: c.revocationMethod,
  };
}

/** Why a Part 2 chart's records are closed to a user, from the statuses of the chart's consents. */
export function denialReason(statuses: readonly Part2ConsentView['status'][]): 'no_consent' | 'revoked' | 'expired' | 'not_covered' {
  if (statuses.length === 0) return 'no_consent';
  if (statuses.every((s) => s === 'revoked')) return 'revoked';
  // An active consent exists, so it did not cover this user's role, purpose or the record type.
  if (statuses.includes('active')) return 'not_covered';
  return 'expired';
}
