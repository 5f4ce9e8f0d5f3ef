import type { DemoOrg } from './demo-catalogue';
import type { DemoPatientRecord } from './demo-patients';
import { addDays, intBetween, rngFor, stableUuid, weightedPick } from './deterministic';

/**
 * 42 CFR Part 2 consents for the demo Part 2 charts: pure functions of the patient id, so every seed and
 * re-run derives the same ones. Some Part 2 patients have none (their records stay closed to everyone), some
 * an active TPO consent, some a payment-only consent for billing, some a revoked or expired one.
 */

export type DemoConsentKind = 'none' | 'tpo' | 'payment_only' | 'revoked_tpo' | 'expired_specific';

export interface DemoConsent {
  id: string;
  organizationId: string;
  patientId: string;
  chartId: string;
  kind: Exclude<DemoConsentKind, 'none'>;
  consentType: 'tpo' | 'specific_disclosure';
  disclosingParty: string;
  informationDescription: string;
  recordTypes: string[];
  recipients: object[];
  purposes: string[];
  effectiveOn: string;
  expiresOn: string | null;
  expirationEvent: string | null;
  signedOn: string;
  revokedAt: string | null;
  revokedBy: string | null;
  revocationMethod: string | null;
}

const STATEMENTS = ['right_to_revoke', 'redisclosure', 'treatment_not_conditioned'];
export const DEMO_CONSENT_STATEMENTS = STATEMENTS;

export function demoConsentKind(patientId: string): DemoConsentKind {
  return weightedPick<DemoConsentKind>(rngFor('demo-consent-kind', patientId), [
    ['none', 30],
    ['tpo', 35],
    ['payment_only', 15],
    ['revoked_tpo', 10],
    ['expired_specific', 10],
  ]);
}

/** The consents of a batch of generated patients (Part 2 charts only). `revokedBy` is the organization's admin. */
export function generateConsents(org: DemoOrg, records: readonly DemoPatientRecord[], revokedBy: string): DemoConsent[] {
  const out: DemoConsent[] = [];
  for (const { patient, chart } of records) {
    if (!chart.isPart2) continue;
    const kind = demoConsentKind(patient.id);
    if (kind === 'none') continue;
    const rng = rngFor('demo-consent', patient.id);
    const signedOn = chart.openedOn;
    const program = chart.part2ProgramName ?? org.name;
    const base = {
      id: stableUuid('demo-consent', patient.id, kind),
      organizationId: org.id,
      patientId: patient.id,
      chartId: chart.id,
      kind,
      disclosingParty: `${org.name}, ${program}`,
      effectiveOn: signedOn,
      signedOn,
      revokedAt: null,
      revokedBy: null,
      revocationMethod: null,
    };
    if (kind === 'tpo' || kind === 'revoked_tpo') {
      const revoked = kind === 'revoked_tpo';
      out.push({
        ...base,
        consentType: 'tpo',
        informationDescription: 'All substance use disorder treatment records, including diagnoses, notes and billing information',
        recordTypes: ['*'],
        recipients: [{ type: 'organization', organizationId: org.id, name: org.name }],
        purposes: ['treatment', 'payment', 'health_care_operations'],
        expiresOn: null,
        expirationEvent: 'none',
        revokedAt: revoked ? `${addDays(signedOn, intBetween(rng, 30, 150))}T17:00:00Z` : null,
        revokedBy: revoked ? revokedBy : null,
        revocationMethod: revoked ? 'written' : null,
      });
    } else if (kind === 'payment_only') {
      out.push({
        ...base,
        consentType: 'specific_disclosure',
        informationDescription: 'Dates of service, service codes and units needed to bill the health plan',
        recordTypes: ['billing', 'group_encounter', 'peer_encounter'],
        recipients: [{ type: 'role', roleKey: 'billing_coordinator' }],
        purposes: ['payment'],
        expiresOn: '2027-12-31',
        expirationEvent: null,
      });
    } else {
      out.push({
        ...base,
        consentType: 'specific_disclosure',
        informationDescription: 'Attendance and progress summary for the referring court program',
        recordTypes: ['progress_note'],
        recipients: [{ type: 'program', programName: program }],
        purposes: ['legal'],
        // Intake is before 2025-07; 60-180 days later is still before the demo reference date.
        expiresOn: addDays(signedOn, intBetween(rng, 60, 180)),
        expirationEvent: null,
      });
    }
  }
  return out;
}
