import type { GroupSessionModality } from '@cairn/platform/clinical';
import { isoDate } from '@cairn/platform/kernel';

import type { ClRow } from '../../cl.tx';
import { PART2_NOTICE } from '../../consents/domain/part2-notice.constants';
import { minutesOf, type AttendanceStatus, type GroupSessionStatus } from './group-session.rules';

type Group = ClRow<'group'>;
type GroupAttendance = ClRow<'groupAttendance'>;
type GroupSession = ClRow<'groupSession'>;

export interface GroupView {
  id: string;
  organizationId: string;
  siteId: string;
  name: string;
  groupType: string;
  sudProgram: boolean;
  defaultModality: GroupSessionModality;
  facilitatorIds: string[];
  active: boolean;
  createdAt: string;
  createdBy: string;
}

export const toGroupView = (g: Group): GroupView => ({
  id: g.id,
  organizationId: g.organizationId,
  siteId: g.siteId,
  name: g.name,
  groupType: g.groupType,
  sudProgram: g.sudProgram,
  defaultModality: g.defaultModality as GroupSessionModality,
  facilitatorIds: [...g.facilitatorIds],
  active: g.active,
  createdAt: g.createdAt.toISOString(),
  createdBy: g.createdBy,
});

export interface GroupSessionSummaryView {
  id: string;
  organizationId: string;
  groupId: string;
  groupName: string;
  groupType: string;
  sudProgram: boolean;
  siteId: string;
  sessionDate: string;
  startTime: string;
  endTime: string;
  durationMinutes: number;
  facilitatorId: string;
  modality: GroupSessionModality;
  status: GroupSessionStatus;
  documentedAt: string | null;
  documentedBy: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * One attendee. In a Part 2 (SUD program) group the row names its patient only when cl_check_sud_consent
 * allows the reader to see group encounters of that chart; otherwise `consentRequired` is true and the
 * patient and chart ids are null (attendance status and minutes identify no one and stay visible).
 */
export interface GroupAttendanceView {
  id: string;
  consentRequired: boolean;
  patientId: string | null;
  chartId: string | null;
  status: AttendanceStatus;
  minutesAttended: number;
  arrivalTime: string | null;
  departureTime: string | null;
  recordedBy: string;
  recordedAt: string;
}

export interface GroupSessionView extends GroupSessionSummaryView {
  note: string;
  attendance: GroupAttendanceView[];
  /** Attendance rows of patients outside the caller's patient scope (not listed). */
  attendeesOutsideScope: number;
  /** The 42 CFR §2.32 notice when the session discloses Part 2 records (an SUD-program group with a named attendee). */
  part2Notice: string | null;
}

export type SessionWithGroup = GroupSession & { group: Pick<Group, 'name' | 'groupType' | 'sudProgram' | 'facilitatorIds'> };

export const SESSION_GROUP_SELECT = { group: { select: { name: true, groupType: true, sudProgram: true, facilitatorIds: true } } } as const;

export function toGroupSessionSummary(s: SessionWithGroup): GroupSessionSummaryView {
  return {
    id: s.id,
    organizationId: s.organizationId,
    groupId: s.groupId,
    groupName: s.group.name,
    groupType: s.group.groupType,
    sudProgram: s.group.sudProgram,
    siteId: s.siteId,
    sessionDate: isoDate(s.sessionDate),
    startTime: s.startTime,
    endTime: s.endTime,
    durationMinutes: minutesOf(s.endTime) - minutesOf(s.startTime),
    facilitatorId: s.facilitatorId,
    modality: s.modality as GroupSessionModality,
    status: s.status as GroupSessionStatus,
    documentedAt: s.documentedAt ? s.documentedAt.toISOString() : null,
    documentedBy: s.documentedBy,
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}

/** `consented`: attendance id -> whether the reader may see that patient (only consulted for SUD groups). */
export function toGroupSessionView(
  s: SessionWithGroup,
  rows: GroupAttendance[],
  consented: ReadonlyMap<string, boolean>,
  outsideScope: number,
): GroupSessionView {
  const attendance = rows.map((a): GroupAttendanceView => {
    const hidden = s.group.sudProgram && consented.get(a.id) !== true;
    return {
      id: a.id,
      consentRequired: hidden,
      patientId: hidden ? null : a.patientId,
      chartId: hidden ? null : a.chartId,
      status: a.status as AttendanceStatus,
      minutesAttended: a.minutesAttended,
      arrivalTime: a.arrivalTime,
      departureTime: a.departureTime,
      recordedBy: a.recordedBy,
      recordedAt: a.recordedAt.toISOString(),
    };
  });
  const disclosesPart2 = s.group.sudProgram && attendance.some((a) => !a.consentRequired);
  return {
    ...toGroupSessionSummary(s),
    note: s.note,
    attendance,
    attendeesOutsideScope: outsideScope,
    part2Notice: disclosesPart2 ? PART2_NOTICE : null,
  };
}
