import { describe, expect, it } from 'vitest';

import type { Me } from '../../../api/client';
import { permissionsFor } from '../../../shared/auth';
import { NAV } from './nav';

const me: Me = {
  user: { id: 'u', email: 'hr@x.test', displayName: 'HR' },
  organizations: [
    {
      id: 'o1',
      name: 'One',
      slug: 'one',
      roles: ['hr'],
      permissions: ['hr.productivity.view'],
      sites: [{ id: 's1', code: 'A', name: 'A', permissions: [] }],
    },
    { id: 'o2', name: 'Two', slug: 'two', roles: ['admin'], permissions: ['patients.view', 'hr.productivity.view'], sites: [] },
  ],
};
const visible = (perms: Set<string>) => NAV.filter((n) => perms.has(n.permission)).map((n) => n.label);

describe('navigation by permission', () => {
  it('shows an HR user the report but not patients', () => {
    expect(visible(permissionsFor(me, { organizationId: 'o1' }))).toEqual(['Provider productivity']);
  });
  it('narrows to the chosen site and follows the chosen organization', () => {
    expect(visible(permissionsFor(me, { organizationId: 'o1', siteId: 's1' }))).toEqual([]);
    expect(visible(permissionsFor(me, { organizationId: 'o2' }))).toEqual(['Patients', 'Provider productivity']);
  });
  it('shows a clinical supervisor the report of their supervisees, not the organization-wide one', () => {
    const supervisor: Me = {
      ...me,
      organizations: [
        {
          id: 'o3',
          name: 'Three',
          slug: 'three',
          roles: ['supervisor'],
          permissions: ['patients.view', 'hr.productivity.supervised'],
          sites: [],
        },
      ],
    };
    expect(visible(permissionsFor(supervisor, { organizationId: 'o3' }))).toEqual(['Patients', 'My supervisees’ productivity']);
  });
  it('uses the first organization when none is chosen, and nothing before /me arrives', () => {
    expect(visible(permissionsFor(me, {}))).toEqual(['Provider productivity']);
    expect(permissionsFor(undefined, {}).size).toBe(0);
  });
});
