import type { ClRow } from '../../cl.tx';
import { PART2_NOTICE } from '../../consents/domain/part2-notice.constants';

type CareTeamAssignment = ClRow<'careTeamAssignment'>;
type Chart = ClRow<'chart'>;
type Patient = ClRow<'patient'>;

export interface PatientView {
  id: string;
  organizationId: string;
  siteId: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  preferredName: string | null;
  dateOfBirth: string;
  sexAtBirth: string | null;
  genderIdentity: string | null;
  pronouns: string | null;
  phone: string | null;
  email: string | null;
  address: { line1: string | null; line2: string | null; city: string | null; state: string | null; postalCode: string | null };
  status: string;
  chart: { id: string; mrn: string; isPart2: boolean; part2ProgramName: string | null; status: string; openedOn: string } | null;
  careTeam: { id: string; staffUserId: string; role: string; startedOn: string; endedOn: string | null }[];
  /** The 42 CFR §2.32 notice, present when the chart is a Part 2 record. */
  part2Notice: string | null;
  createdAt: string;
  updatedAt: string;
}

export type PatientWithRelations = Patient & { chart: Chart | null; careTeam: CareTeamAssignment[] };

const day = (d: Date) => d.toISOString().slice(0, 10);

export function toPatientView(p: PatientWithRelations): PatientView {
  return {
    id: p.id,
    organizationId: p.organizationId,
    siteId: p.siteId,
    firstName: p.firstName,
    middleName: p.middleName,
    lastName: p.lastName,
    preferredName: p.preferredName,
    dateOfBirth: day(p.dateOfBirth),
    sexAtBirth: p.sexAtBirth,
    genderIdentity: p.genderIdentity,
    pronouns: p.pronouns,
    phone: p.phone,
    email: p.email,
    address: { line1: p.addressLine1, line2: p.addressLine2, city: p.city, state: p.state, postalCode: p.postalCode },
    status: p.status,
    chart: p.chart
      ? {
          id: p.chart.id,
          mrn: p.chart.mrn,
          isPart2: p.chart.isPart2,
          part2ProgramName: p.chart.part2ProgramName,
          status: p.chart.status,
          openedOn: day(p.chart.openedOn),
        }
      : null,
    careTeam: p.careTeam
      .map((a) => ({
        id: a.id,
        staffUserId: a.staffUserId,
        role: a.role,
        startedOn: day(a.startedOn),
        endedOn: a.endedOn ? day(a.endedOn) : null,
      }))
      .sort((a, b) => a.startedOn.localeCompare(b.startedOn)),
    part2Notice: p.chart?.isPart2 ? PART2_NOTICE : null,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** Relations loaded with every patient read. */
export const PATIENT_INCLUDE = { chart: true, careTeam: true } as const;

/** Care-team roles. */
export const CARE_TEAM_ROLES = ['primary_therapist', 'psychiatric_prescriber', 'case_manager', 'peer_specialist', 'other'] as const;
export type CareTeamRole = (typeof CARE_TEAM_ROLES)[number];
