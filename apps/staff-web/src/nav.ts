/** Navigation entries and the permission key each needs (the API checks the same key on its routes). */
export const NAV = [
  { to: '/patients', label: 'Patients', permission: 'patients.view' },
  { to: '/hr/productivity', label: 'Provider productivity', permission: 'hr.productivity.view' },
] as const;
