/**
 * Every permission key a route may require. The migrations seed the same keys into pf_permissions and bind
 * them to roles; permissions.int-spec.ts fails when the two disagree.
 */
export const PERMISSIONS = {
  'patients.view': 'Read patient demographics and charts within scope',
  'patients.edit': 'Register patients and update demographics, charts and care teams',
  'patients.site-wide': "See every patient of the permitted sites, not only those on one's care team",
  'audit.view': 'Read and export the audit log of the organization',
  'audit.verify': "Verify the audit log's hash chain",
  'cl.group-encounter-generation.view': 'View generated group encounters awaiting review',
  'cl.group-encounter-generation.approve': 'Approve or reject generated group encounters',
  'cl.group-encounter-generation.edit': 'Edit the proposed codes and modifiers of generated group encounters',
  'pm.appointments.view': 'View appointments of the permitted sites',
  'pm.appointments.manage': 'Book and reschedule appointments and set their status',
  'pm.service-types.manage': 'Change the non-clinical category each service type is reported under',
  'pm.charges.view': 'List charges and their sources',
  'pm.fee-schedule.view': 'Read the fee schedule',
  'pm.fee-schedule.manage': 'Add fee schedule entries and end them',
  'cl.progress-notes.write': 'Write, edit, sign and amend progress notes for patients in scope',
  'hr.productivity.view': 'View de-identified provider productivity analytics',
  'dashboards.export': 'Export dashboard data',
  'dashboards.cross-site': 'View dashboards across all sites of the organization',
  'code-library.view': 'Look up billing codes and modifiers (PF-70)',
  'jurisdiction.view': 'Read the jurisdiction profile (billing rules) that applies to the organization or a site',
  'cl.consents.view': "Read a patient's 42 CFR Part 2 consents",
  'cl.consents.manage': "Record and revoke a patient's 42 CFR Part 2 consents",
  'cl.groups.view': 'View therapy groups, their sessions and attendance',
  'cl.groups.manage': 'Define therapy groups: type, SUD program flag, site and facilitators',
  'cl.group-sessions.document': 'Schedule group sessions, record attendance, write and sign the shared group note',
  'cl.peer-supervision.view': 'Read the peer supervision records one is the peer or the supervisor of',
  'cl.peer-supervision.org-wide': "See every peer supervision record of the organization, not only one's own",
  'cl.peer-supervision.record': "Record peer supervision sessions and correct one's own recent records",
  'cl.peer-supervision.report': 'Report supervision hours per peer specialist per month',
  'platform.events.manage': 'Inspect integration events that failed after their last attempt and retry them',
  'cl.peer-encounters.view': 'Read peer recovery support encounters (with focus notes) of patients in scope',
  'cl.peer-encounters.write': 'Document peer encounters as the peer provider: drafts and addenda',
  'cl.peer-encounters.finalize': 'Finalize (lock and send to billing) peer encounters one provided',
  'cl.peer-service-types.manage': "Define the organization's own peer service types",
  'cl.peer-settings.manage': "Choose between the PF-15 peer service types and the organization's own (use_pf15)",
  'staff-directory.view': 'Look up the names and roles of the staff of the organization',
  'portal.accounts.manage': 'Invite patients to the client portal, and disable their portal accounts',
  'portal.admin': 'See every portal record of the organization, including what clients did not share',
  'portal.activity.view': 'Read the portal activity, mood trends and portal notifications of the clients one may see',
  'portal.prompts.manage': "Send daily prompts and scheduled check-ins to one's clients through the portal",
  'portal.files.upload': "Upload files (worksheets, handouts) for one's clients to the portal",
  'portal.homework.manage': "Assign homework to one's clients through the portal, review it and give feedback",
  'portal.goals.manage': "Create therapeutic goals with one's clients and record their progress",
  'portal.resources.manage': "Upload or link resources and recommend them to one's clients",
  'portal.crisis-toolkit.manage': "Customise a client's crisis toolkit and acknowledge crisis-toolkit alerts",
} as const;

export type PermissionKey = keyof typeof PERMISSIONS;

export const ROLE_KEYS = [
  'clinician',
  'peer_specialist',
  'supervisor',
  'billing_coordinator',
  'front_desk',
  'treatment_coordinator',
  'practice_manager',
  'owner',
  'hr',
  'admin',
] as const;

export type RoleKey = (typeof ROLE_KEYS)[number];
