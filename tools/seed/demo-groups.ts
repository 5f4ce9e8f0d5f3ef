import type { ClGroupSessionDocumentedV1 } from '@cairn/platform/clinical';

import { demoStaff, type DemoOrg, type DemoSite, type DemoStaff, type SeedScale } from './demo-catalogue';
import { demoConsentKind } from './demo-consents';
import type { DemoPatientRecord } from './demo-patients';
import { addDays, intBetween, rngFor, stableUuid } from './deterministic';

/**
 * Therapy groups (CL-14) of the demo data: per organization a psychotherapy group, a multi-family group and a
 * Part 2 SUD group (sud_group_counseling, sud_program) at its sites, each with weekly sessions ending in the
 * demo period: the oldest documented (with the `cl_group_session_documented.v1` outbox row the API would have
 * written, so `npm start`'s worker generates encounters from them), then a draft with attendance and a draft
 * without. Pure functions of the organization, scale and the seed's patients: group and session ids do not
 * depend on the seed (a second seed adds no sessions), attendees do.
 */

/** The event type, spelled as in @cairn/platform/messaging (a type-only import keeps Nest out of the seed). */
export const DEMO_GROUP_EVENT_TYPE = 'cl_group_session_documented.v1';

/** Sessions per group; the last two are drafts, the rest documented (small: 4 x 3 = 12 documented per organization). */
export const GROUP_SESSIONS_PER_GROUP: Record<SeedScale, number> = { small: 6, medium: 14, large: 30 };

/** The weekly sessions end on this date (before the demo REFERENCE_DATE). */
export const LAST_GROUP_SESSION_ON = '2025-12-16';

export interface DemoGroup {
  organizationId: string;
  id: string;
  siteId: string;
  name: string;
  groupType: 'psychotherapy_group' | 'multi_family_group' | 'sud_group_counseling';
  sudProgram: boolean;
  defaultModality: 'in_person' | 'telehealth_video';
  facilitatorIds: string[];
  createdBy: string;
  startTime: string;
  endTime: string;
}

export interface DemoAttendance {
  id: string;
  patientId: string;
  chartId: string;
  status: 'present' | 'partial' | 'absent';
  minutesAttended: number;
  arrivalTime: string | null;
  departureTime: string | null;
}

export interface DemoGroupSession {
  organizationId: string;
  id: string;
  groupId: string;
  siteId: string;
  sessionDate: string;
  startTime: string;
  endTime: string;
  facilitatorId: string;
  modality: 'in_person' | 'telehealth_video';
  note: string;
  status: 'draft' | 'documented';
  documentedAt: string | null;
  attendance: DemoAttendance[];
  /** The outbox event of a documented session (its envelope id and payload). */
  event: { id: string; payload: ClGroupSessionDocumentedV1 } | null;
}

const minutesOf = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The UTC instant of a local date and time in a time zone (Intl, so daylight saving is right). */
export function zonedInstant(date: string, time: string, timeZone: string): Date {
  const guess = new Date(`${date}T${time}:00Z`);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(guess)
      .map((p) => [p.type, p.value]),
  );
  const asLocal = Date.UTC(
    Number(parts['year']),
    Number(parts['month']) - 1,
    Number(parts['day']),
    Number(parts['hour']),
    Number(parts['minute']),
  );
  return new Date(guess.getTime() - (asLocal - guess.getTime()));
}

const FACILITATOR_ROLES = ['clinician', 'peer_specialist', 'supervisor'];

/** Clinical staff who may facilitate at a site: a binding of a clinical role covering it, and (clinicians, peers) a caseload there. */
function facilitatorsAt(org: DemoOrg, site: DemoSite, staff: readonly DemoStaff[], roles: readonly string[]): string[] {
  return staff
    .filter((p) =>
      p.bindings.some(
        (b) =>
          b.org === org.slug && roles.includes(b.role) && FACILITATOR_ROLES.includes(b.role) && (!b.sites || b.sites.includes(site.code)),
      ),
    )
    .filter((p) => p.bindings.some((b) => b.org === org.slug && b.role === 'supervisor') || (p.caseload ?? []).includes(site.code))
    .map((p) => p.id);
}

/** The three groups of an organization (ids from the organization and a key only). */
export function generateGroups(org: DemoOrg, staff: readonly DemoStaff[]): DemoGroup[] {
  const [first, second] = [org.sites[0]!, org.sites[1] ?? org.sites[0]!];
  const supervisor = demoStaff(`supervisor@${org.slug}.cairn.test`).id;
  const group = (
    key: string,
    site: DemoSite,
    g: Omit<DemoGroup, 'organizationId' | 'id' | 'siteId' | 'facilitatorIds' | 'createdBy'>,
    roles: string[],
  ): DemoGroup => {
    const facilitators = facilitatorsAt(org, site, staff, roles).slice(0, 2);
    return {
      organizationId: org.id,
      id: stableUuid('demo-group', org.slug, key),
      siteId: site.id,
      ...g,
      facilitatorIds: facilitators.length > 0 ? facilitators : [supervisor],
      createdBy: supervisor,
    };
  };
  return [
    group(
      'psychotherapy',
      first,
      {
        name: 'DBT Skills Group',
        groupType: 'psychotherapy_group',
        sudProgram: false,
        defaultModality: 'in_person',
        startTime: '10:00',
        endTime: '11:30',
      },
      ['clinician'],
    ),
    group(
      'multi-family',
      second,
      {
        name: 'Family Recovery Group',
        groupType: 'multi_family_group',
        sudProgram: false,
        defaultModality: 'telehealth_video',
        startTime: '17:30',
        endTime: '19:00',
      },
      ['clinician', 'supervisor'],
    ),
    group(
      'sud-iop',
      first,
      {
        name: 'IOP Process Group',
        groupType: 'sud_group_counseling',
        sudProgram: true,
        defaultModality: 'in_person',
        startTime: '09:00',
        endTime: '12:00',
      },
      ['clinician', 'peer_specialist'],
    ),
  ];
}

/** Patients of a site who can attend (active, open chart). An SUD group's roster starts with the Part 2 charts. */
function pool(group: DemoGroup, patients: readonly DemoPatientRecord[]): DemoPatientRecord[] {
  const at = patients.filter((r) => r.patient.siteId === group.siteId && r.patient.status === 'active' && r.chart.status === 'open');
  if (!group.sudProgram) return at;
  return [...at.filter((r) => r.chart.isPart2), ...at.filter((r) => !r.chart.isPart2)];
}

/**
 * A session's roster: 4-8 patients of the site (fewer when the site has fewer), one partial under 30 minutes
 * (arrived late), one absent, the rest present. An SUD group takes its Part 2 members first, so its sessions
 * carry Part 2 charts with and without a consent covering group encounters.
 */
function roster(group: DemoGroup, sessionId: string, candidates: readonly DemoPatientRecord[]): DemoAttendance[] {
  if (candidates.length === 0) return [];
  const rng = rngFor('demo-group-roster', sessionId);
  const size = Math.min(candidates.length, intBetween(rng, 4, 8));
  const offset = group.sudProgram ? 0 : intBetween(rng, 0, candidates.length - 1);
  const chosen = Array.from({ length: size }, (_, i) => candidates[(offset + i) % candidates.length]!);
  const start = minutesOf(group.startTime);
  const end = minutesOf(group.endTime);
  return chosen.map((r, i) => {
    const base = { id: stableUuid('demo-group-attendance', sessionId, r.patient.id), patientId: r.patient.id, chartId: r.chart.id };
    if (i === 1 % size && size > 1) {
      const minutes = intBetween(rng, 15, 29);
      return { ...base, status: 'partial', minutesAttended: minutes, arrivalTime: hhmm(end - minutes), departureTime: group.endTime };
    }
    if (i === 2 % size && size > 2) return { ...base, status: 'absent', minutesAttended: 0, arrivalTime: null, departureTime: null };
    return { ...base, status: 'present', minutesAttended: end - start, arrivalTime: null, departureTime: null };
  });
}

const NOTES: Record<DemoGroup['groupType'], string> = {
  psychotherapy_group: 'Synthetic demo note: members practised distress-tolerance skills and reviewed diary cards.',
  multi_family_group: 'Synthetic demo note: families discussed communication patterns and relapse warning signs.',
  sud_group_counseling: 'Synthetic demo note: process group on triggers, cravings and recovery supports.',
};

/**
 * The sessions of one group: weekly, ending on LAST_GROUP_SESSION_ON. All but the last two are documented
 * (signed by their facilitator two hours after the end, with the outbox event); the second to last is a draft
 * with attendance, the last a draft without.
 */
export function generateGroupSessions(
  org: DemoOrg,
  group: DemoGroup,
  scale: SeedScale,
  patients: readonly DemoPatientRecord[],
  /** Whole weeks to move the sessions by (demoShift(today).days; 0: they end on LAST_GROUP_SESSION_ON). */
  shiftDays = 0,
): DemoGroupSession[] {
  const site = org.sites.find((s) => s.id === group.siteId)!;
  const count = GROUP_SESSIONS_PER_GROUP[scale];
  const candidates = pool(group, patients);
  const out: DemoGroupSession[] = [];
  for (let i = 0; i < count; i++) {
    const id = stableUuid('demo-group-session', org.slug, group.id, i);
    const sessionDate = addDays(LAST_GROUP_SESSION_ON, shiftDays - 7 * (count - 1 - i));
    const facilitatorId = group.facilitatorIds[i % group.facilitatorIds.length]!;
    const status = i < count - 2 ? 'documented' : 'draft';
    const attendance = i < count - 1 ? roster(group, id, candidates) : [];
    const documentedAt =
      status === 'documented'
        ? new Date(zonedInstant(sessionDate, group.endTime, site.timezone).getTime() + 2 * 3600_000).toISOString()
        : null;
    const session: DemoGroupSession = {
      organizationId: org.id,
      id,
      groupId: group.id,
      siteId: group.siteId,
      sessionDate,
      startTime: group.startTime,
      endTime: group.endTime,
      facilitatorId,
      modality: group.defaultModality,
      note: NOTES[group.groupType],
      status,
      documentedAt,
      attendance,
      event: null,
    };
    if (status === 'documented' && attendance.length > 0) {
      session.event = {
        id: stableUuid('demo-outbox', DEMO_GROUP_EVENT_TYPE, id),
        payload: {
          organization_id: org.id,
          session_id: id,
          group_id: group.id,
          site_id: group.siteId,
          group_type: group.groupType,
          sud_program: group.sudProgram,
          modality: group.defaultModality,
          session_date: sessionDate,
          start_time: group.startTime,
          end_time: group.endTime,
          duration_minutes: minutesOf(group.endTime) - minutesOf(group.startTime),
          facilitator_id: facilitatorId,
          documented_by: facilitatorId,
          documented_at: documentedAt!,
          attendees: attendance.map((a) => ({
            patient_id: a.patientId,
            chart_id: a.chartId,
            attendance_status: a.status,
            minutes_attended: a.minutesAttended,
          })),
        },
      };
    } else if (status === 'documented') {
      // A site with no patients cannot document a session (the API requires attendance): keep it a draft.
      session.status = 'draft';
      session.documentedAt = null;
    }
    out.push(session);
  }
  return out;
}

/** True when a demo Part 2 chart has a consent that lets someone see its group encounters (TPO, or payment for billing). */
export const hasGroupEncounterConsent = (patientId: string): boolean => ['tpo', 'payment_only'].includes(demoConsentKind(patientId));
