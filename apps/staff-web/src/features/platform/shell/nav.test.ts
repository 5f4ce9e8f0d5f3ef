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
  it('shows the peer screens only to the roles that hold their permissions', () => {
    const withRole = (roles: string[], permissions: string[]): Me => ({
      ...me,
      organizations: [{ id: 'o4', name: 'Four', slug: 'four', roles, permissions, sites: [] }],
    });
    const peer = withRole(
      ['peer_specialist'],
      ['patients.view', 'cl.peer-encounters.view', 'cl.peer-supervision.view', 'cl.peer-supervision.report'],
    );
    expect(visible(permissionsFor(peer, { organizationId: 'o4' }))).toEqual([
      'Patients',
      'Peer encounters',
      'Peer supervision',
      'Supervision hours',
    ]);
    const billing = withRole(['billing'], ['pm.charges.view']);
    expect(visible(permissionsFor(billing, { organizationId: 'o4' }))).toEqual(['Charges']);
  });
  it('uses the first organization when none is chosen, and nothing before /me arrives', () => {
    expect(visible(permissionsFor(me, {}))).toEqual(['Provider productivity']);
    expect(permissionsFor(undefined, {}).size).toBe(0);
  });
});
