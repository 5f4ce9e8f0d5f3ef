import { Pool } from 'pg';

import { PERMISSIONS, ROLE_KEYS } from './permissions';

const owner = new Pool({ connectionString: process.env['DATABASE_OWNER_URL'], max: 1 });
afterAll(() => owner.end());

describe('permission catalogue', () => {
  it('lists exactly the permission keys the migrations seed', async () => {
    const { rows } = await owner.query<{ key: string }>('SELECT key FROM pf_permissions ORDER BY key');
    expect(rows.map((r) => r.key)).toEqual(Object.keys(PERMISSIONS).sort());
  });

  it('lists exactly the roles the migrations seed, each with at least one permission', async () => {
    const { rows } = await owner.query<{ key: string; n: number }>(
      'SELECT r.key, count(rp.permission_key)::int AS n FROM pf_roles r LEFT JOIN pf_role_permissions rp ON rp.role_key = r.key GROUP BY r.key ORDER BY r.key',
    );
    expect(rows.map((r) => r.key)).toEqual([...ROLE_KEYS].sort());
    expect(rows.filter((r) => r.n === 0)).toEqual([]);
  });

  it('lets every role read the staff directory (names on care teams and in the HR report)', async () => {
    const { rows } = await owner.query<{ key: string }>(
      `SELECT r.key FROM pf_roles r WHERE NOT EXISTS (SELECT 1 FROM pf_role_permissions rp WHERE rp.role_key = r.key AND rp.permission_key = 'staff-directory.view')`,
    );
    expect(rows).toEqual([]);
  });

  it('keeps HR away from patient data', async () => {
    const { rows } = await owner.query<{ permission_key: string }>(`SELECT permission_key FROM pf_role_permissions WHERE role_key = 'hr'`);
    expect(rows.map((r) => r.permission_key).filter((k) => k.startsWith('patients.'))).toEqual([]);
  });
});
