/**
 * Integration event types after which a metric's day is recomputed (their payloads live in the publishing
 * context's contract: @cairn/platform/scheduling for PM, @cairn/platform/clinical for CL). Kept as strings
 * here so this catalogue imports no other contract; signal-metrics.spec.ts checks each against its publisher.
 */
export const SIGNAL_EVENT_TYPES = {
  appointmentBooked: 'pm_appointment_booked.v1',
  appointmentRescheduled: 'pm_appointment_rescheduled.v1',
  appointmentStatusChanged: 'pm_appointment_status_changed.v1',
  chargeCreated: 'pm_charge_created.v1',
  progressNoteSigned: 'cl_progress_note_signed.v1',
  groupSessionDocumented: 'cl_group_session_documented.v1',
  groupEncountersApproved: 'cl_group_encounters_approved.v1',
  peerEncounterFinalized: 'peer_encounter_finalized.v1',
} as const;
