import { SIGNAL_EVENT_TYPES as E } from './signal-events';
import type { SignalSourceKey } from './signal-sources';

export interface SignalMetric {
  key: string;
  source: SignalSourceKey;
  description: string;
  unit: 'count' | 'minutes' | 'hours' | 'cents' | 'ratio' | 'boolean';
  siteBound: boolean;
  providerBound: boolean;
  /**
   * `daily`: one bucket per (day, site, provider) with a value, which sums over a range. `snapshot`: the value as of
   * the end of the range's last day (as of now when that day is today), reported with `day` = the range's `to`.
   */
  kind: 'daily' | 'snapshot';
  /** Integration event types after which this metric's day should be recomputed (empty: recompute on a schedule). */
  events: string[];
}

const APPOINTMENT_EVENTS = [E.appointmentBooked, E.appointmentRescheduled, E.appointmentStatusChanged];

/**
 * The catalogue of signals Cairn's own contexts expose. Days are the organization's calendar days (its
 * timezone). An appointment counts on the day it starts; a note on the day it was signed; a charge on the day it
 * was created. Buckets with a zero value are not returned (an absent bucket is zero).
 */
export const SIGNAL_METRICS: readonly SignalMetric[] = [
  // pm.appointments: by start day, site and provider.
  {
    key: 'appointments.scheduled',
    source: 'pm.appointments',
    description: 'Appointments starting that day, in any status; breakdown by status.',
    unit: 'count',
    siteBound: true,
    providerBound: true,
    kind: 'daily',
    events: APPOINTMENT_EVENTS,
  },
  {
    key: 'appointments.cancelled',
    source: 'pm.appointments',
    description: 'Appointments of that day cancelled in time (status cancelled); breakdown by who cancelled.',
    unit: 'count',
    siteBound: true,
    providerBound: true,
    kind: 'daily',
    events: APPOINTMENT_EVENTS,
  },
  {
    key: 'appointments.late-cancelled',
    source: 'pm.appointments',
    description: 'Appointments of that day cancelled late (status late_cancelled); breakdown by who cancelled.',
    unit: 'count',
    siteBound: true,
    providerBound: true,
    kind: 'daily',
    events: APPOINTMENT_EVENTS,
  },
  {
    key: 'appointments.no-show',
    source: 'pm.appointments',
    description: 'Appointments of that day marked no-show (DNA); never inferred.',
    unit: 'count',
    siteBound: true,
    providerBound: true,
    kind: 'daily',
    events: APPOINTMENT_EVENTS,
  },
  {
    key: 'appointments.booked-minutes',
    source: 'pm.appointments',
    description: 'Minutes of appointments of that day that hold their slot (every status but cancelled and late-cancelled).',
    unit: 'minutes',
    siteBound: true,
    providerBound: true,
    kind: 'daily',
    events: APPOINTMENT_EVENTS,
  },
  {
    key: 'appointments.available-minutes',
    source: 'pm.appointments',
    description:
      "A provider's available minutes at a site that day: the site's working hours for the weekday, for each provider who works there (PM site working hours and provider sites).",
    unit: 'minutes',
    siteBound: true,
    providerBound: true,
    kind: 'daily',
    events: [],
  },
  {
    key: 'appointments.gap-minutes',
    source: 'pm.appointments',
    description: 'Diary gaps: available minutes of that day not covered by an appointment holding its slot.',
    unit: 'minutes',
    siteBound: true,
    providerBound: true,
    kind: 'daily',
    events: APPOINTMENT_EVENTS,
  },
  {
    key: 'appointments.backfilled',
    source: 'pm.appointments',
    description:
      'Cancelled or late-cancelled appointments of that day whose slot was rebooked: another appointment of the same provider, booked after the cancellation, overlapping it and holding its slot.',
    unit: 'count',
    siteBound: true,
    providerBound: true,
    kind: 'daily',
    events: APPOINTMENT_EVENTS,
  },
  // pm.charges: headline aggregates only.
  {
    key: 'charges.created',
    source: 'pm.charges',
    description:
      'Charges created that day; breakdown by final code (or the proposed code while on hold) and by source type. Cairn records no payer on a charge yet.',
    unit: 'count',
    siteBound: true,
    providerBound: true,
    kind: 'daily',
    events: [E.chargeCreated],
  },
  {
    key: 'charges.amount-cents',
    source: 'pm.charges',
    description: 'Amount of the charges created that day, in cents (on-hold charges have no amount).',
    unit: 'cents',
    siteBound: true,
    providerBound: true,
    kind: 'daily',
    events: [E.chargeCreated],
  },
  {
    key: 'charges.on-hold',
    source: 'pm.charges',
    description: 'Charges on hold (no price decided) created up to the as-of day; breakdown by hold reason.',
    unit: 'count',
    siteBound: true,
    providerBound: true,
    kind: 'snapshot',
    events: [E.chargeCreated],
  },
  // cl.documentation: progress notes, by author.
  {
    key: 'notes.signed',
    source: 'cl.documentation',
    description: 'Progress notes signed that day.',
    unit: 'count',
    siteBound: true,
    providerBound: true,
    kind: 'daily',
    events: [E.progressNoteSigned],
  },
  {
    key: 'notes.unsigned',
    source: 'cl.documentation',
    description: 'Progress notes written by the as-of day and not signed by its end.',
    unit: 'count',
    siteBound: true,
    providerBound: true,
    kind: 'snapshot',
    events: [E.progressNoteSigned],
  },
  {
    key: 'notes.overdue-48h',
    source: 'cl.documentation',
    description: 'Unsigned progress notes whose session ended more than 48 hours before the end of the as-of day (or now).',
    unit: 'count',
    siteBound: true,
    providerBound: true,
    kind: 'snapshot',
    events: [E.progressNoteSigned],
  },
  {
    key: 'notes.lag-hours-sum',
    source: 'cl.documentation',
    description: 'Sum over the notes signed that day of the hours from session end to signature (mean lag = sum / notes.lag-count).',
    unit: 'hours',
    siteBound: true,
    providerBound: true,
    kind: 'daily',
    events: [E.progressNoteSigned],
  },
  {
    key: 'notes.lag-count',
    source: 'cl.documentation',
    description: 'Notes signed that day that stand behind notes.lag-hours-sum.',
    unit: 'count',
    siteBound: true,
    providerBound: true,
    kind: 'daily',
    events: [E.progressNoteSigned],
  },
  // cl.group-encounters
  {
    key: 'group-encounters.pending-review',
    source: 'cl.group-encounters',
    description: 'Group encounter proposals generated by the as-of day and not approved or rejected by its end; by facilitator.',
    unit: 'count',
    siteBound: true,
    providerBound: true,
    kind: 'snapshot',
    events: [E.groupSessionDocumented, E.groupEncountersApproved],
  },
  {
    key: 'group-encounters.approved',
    source: 'cl.group-encounters',
    description: 'Group encounter proposals approved that day; by facilitator.',
    unit: 'count',
    siteBound: true,
    providerBound: true,
    kind: 'daily',
    events: [E.groupEncountersApproved],
  },
  // cl.peer
  {
    key: 'peer-encounters.draft',
    source: 'cl.peer',
    description: 'Peer recovery support encounters in draft as of the as-of day; by peer specialist.',
    unit: 'count',
    siteBound: true,
    providerBound: true,
    kind: 'snapshot',
    events: [E.peerEncounterFinalized],
  },
  {
    key: 'peer-encounters.finalized',
    source: 'cl.peer',
    description: 'Peer recovery support encounters finalized that day; by peer specialist.',
    unit: 'count',
    siteBound: true,
    providerBound: true,
    kind: 'daily',
    events: [E.peerEncounterFinalized],
  },
  // cl.caseload
  {
    key: 'caseload.active',
    source: 'cl.caseload',
    description: "Patients on the provider's care team on the as-of day (an assignment started by it and not ended before it).",
    unit: 'count',
    siteBound: false,
    providerBound: true,
    kind: 'snapshot',
    events: [],
  },
  // cl.consents
  {
    key: 'consents.expiring-30d',
    source: 'cl.consents',
    description: 'Part 2 consents in effect on the as-of day (not revoked) that expire within the following 30 days.',
    unit: 'count',
    siteBound: false,
    providerBound: false,
    kind: 'snapshot',
    events: [],
  },
  // cl.supervision
  {
    key: 'supervision.hours',
    source: 'cl.supervision',
    description: 'Hours of supervision peer specialists received that day (provider = the peer specialist).',
    unit: 'hours',
    siteBound: false,
    providerBound: true,
    kind: 'daily',
    events: [],
  },
  {
    key: 'supervision.peers-short',
    source: 'cl.supervision',
    description:
      "Peer specialists whose supervision hours in the as-of day's month, up to that day, are short of the organization's monthly requirement.",
    unit: 'count',
    siteBound: false,
    providerBound: false,
    kind: 'snapshot',
    events: [],
  },
  // platform.audit
  {
    key: 'audit.chain-verified',
    source: 'platform.audit',
    description: "1 when the organization's audit hash chain verifies end to end now, 0 when a link is broken.",
    unit: 'boolean',
    siteBound: false,
    providerBound: false,
    kind: 'snapshot',
    events: [],
  },
  // portal.engagement: what clients do in the portal, organization-wide (no site or provider: a client's portal use
  // belongs to no site). An action counts on the day it happened; sign-ins make a client active but are no feature.
  {
    key: 'engagement.portal-activity',
    source: 'portal.engagement',
    description:
      'Client actions in the portal that day (mood check-ins, journal entries, check-in answers, homework handed in, goal updates, crisis-toolkit opens, audio plays); breakdown by feature.',
    unit: 'count',
    siteBound: false,
    providerBound: false,
    kind: 'daily',
    events: [],
  },
  {
    key: 'engagement.active-clients',
    source: 'portal.engagement',
    description: 'Distinct clients who signed in or used a portal feature that day (daily active clients).',
    unit: 'count',
    siteBound: false,
    providerBound: false,
    kind: 'daily',
    events: [],
  },
  {
    key: 'engagement.active-clients-7d',
    source: 'portal.engagement',
    description: 'Distinct clients who signed in or used a portal feature in the 7 days ending the as-of day (weekly active clients).',
    unit: 'count',
    siteBound: false,
    providerBound: false,
    kind: 'snapshot',
    events: [],
  },
  {
    key: 'engagement.portal-adoption',
    source: 'portal.engagement',
    description:
      "Share of the organization's active patients (CL, now) with an active portal account activated by the as-of day; breakdown accounts, activePatients.",
    unit: 'ratio',
    siteBound: false,
    providerBound: false,
    kind: 'snapshot',
    events: [],
  },
];

/** The metric of a key, or undefined. */
export const signalMetric = (key: string): SignalMetric | undefined => SIGNAL_METRICS.find((m) => m.key === key);

/** The metrics one source computes. */
export const signalMetricsOf = (source: SignalSourceKey): SignalMetric[] => SIGNAL_METRICS.filter((m) => m.source === source);
