import type { Generation } from '../../../api/client';

let n = 0;
type Over = Partial<Omit<Generation, 'flags'>> & { flags?: Partial<Generation['flags']> };

/** A generation as the API returns it (test data), pending and billable unless overridden. */
export function generation(over: Over = {}): Generation {
  n += 1;
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const { flags, ...rest } = over;
  return {
    id,
    withheldReason: null,
    groupName: null,
    patientName: null,
    groupSessionId: 'aaaaaaaa-0000-4000-8000-000000000001',
    groupId: 'bbbbbbbb-0000-4000-8000-000000000001',
    siteId: 'cccccccc-0000-4000-8000-000000000001',
    sessionDate: '2025-12-02',
    groupType: 'psychotherapy_group',
    modality: 'in_person',
    sudProgram: false,
    patientId: `dddddddd-0000-4000-8000-${String(n).padStart(12, '0')}`,
    chartId: `eeeeeeee-0000-4000-8000-${String(n).padStart(12, '0')}`,
    encounterId: `ffffffff-0000-4000-8000-${String(n).padStart(12, '0')}`,
    attendanceStatus: 'present',
    minutesAttended: 90,
    status: 'pending_review',
    proposedCodeSystem: 'CPT',
    proposedCptCode: '90853',
    proposedModifiers: [],
    billable: true,
    flags: { belowMinimum: false, notBillableReason: null, notBillableDetail: null, consentRequired: false, ...flags },
    reviewedBy: null,
    reviewedAt: null,
    rejectionReason: null,
    part2Notice: null,
    version: 1,
    createdAt: '2025-12-02T18:00:00.000Z',
    updatedAt: '2025-12-02T18:00:00.000Z',
    ...rest,
  } as Generation;
}

/** A Part 2 row withheld from a reviewer without consent, as the API answers it: its id and why, nothing else. */
export function withheld(over: Over = {}): Generation {
  return generation({
    withheldReason: 'part2_consent_required',
    groupSessionId: null,
    groupId: null,
    siteId: null,
    sessionDate: null,
    groupType: null,
    modality: null,
    sudProgram: true,
    patientId: null,
    chartId: null,
    encounterId: null,
    attendanceStatus: null,
    minutesAttended: null,
    status: null,
    proposedCptCode: null,
    proposedCodeSystem: null,
    proposedModifiers: null,
    billable: null,
    flags: { belowMinimum: null, consentRequired: true },
    reviewedAt: null,
    version: null,
    createdAt: null,
    updatedAt: null,
    ...over,
  });
}

/** A partial attendee under the profile's minimum minutes: pending, not billable. */
export function belowMinimum(over: Over = {}): Generation {
  return generation({
    attendanceStatus: 'partial',
    minutesAttended: 25,
    billable: false,
    proposedCptCode: null,
    proposedCodeSystem: null,
    flags: {
      belowMinimum: true,
      notBillableReason: 'below_minimum_minutes',
      notBillableDetail: '25 minutes attended; the Arizona profile requires at least 30 for a billable group encounter.',
    },
    ...over,
  });
}
