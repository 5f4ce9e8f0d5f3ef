/** Navigation entries and the permission key each needs (the API checks the same key on its routes). */
export const NAV = [
  { to: '/patients', label: 'Patients', permission: 'patients.view' },
  { to: '/review/group-encounters', label: 'Group encounter review', permission: 'cl.group-encounter-generation.view' },
  { to: '/peer/encounters', label: 'Peer encounters', permission: 'cl.peer-encounters.view' },
  { to: '/peer/supervision', label: 'Peer supervision', permission: 'cl.peer-supervision.view' },
  { to: '/peer/supervision-report', label: 'Supervision hours', permission: 'cl.peer-supervision.report' },
  { to: '/billing/charges', label: 'Charges', permission: 'pm.charges.view' },
  { to: '/therapist/session-reviews', label: 'My session reviews', permission: 'portal.activity.view' },
  { to: '/portal/session-reviews', label: 'Session reviews', permission: 'portal.admin' },
  { to: '/hr/productivity', label: 'Provider productivity', permission: 'hr.productivity.view' },
  { to: '/hr/productivity/supervised', label: 'My supervisees’ productivity', permission: 'hr.productivity.supervised' },
  { to: '/portal/change-requests', label: 'Change requests', permission: 'portal.admin' },
  { to: '/portal/crisis-alerts', label: 'Crisis alerts', permission: 'portal.admin' },
  { to: '/portal/adoption', label: 'Portal adoption', permission: 'portal.admin' },
] as const;
