import { inlineStatement, tenantSettingsSql } from './tenant-pool';

describe('tenantSettingsSql', () => {
  it('writes all four settings transaction-locally', () => {
    const sql = tenantSettingsSql({ organizationId: 'o', userId: 'u', siteIds: ['s1', 's2'], patientScope: 'site' });
    expect(sql).toBe(
      "SELECT set_config('app.org_id', 'o', true), set_config('app.user_id', 'u', true), set_config('app.site_ids', 's1,s2', true), set_config('app.patient_scope', 'site', true)",
    );
  });

  it("writes '*' for every site and empty values without a context", () => {
    expect(tenantSettingsSql({ organizationId: 'o', userId: 'u', siteIds: 'all', patientScope: 'assigned' })).toContain(
      "set_config('app.site_ids', '*', true)",
    );
    expect(tenantSettingsSql(undefined)).toContain("set_config('app.org_id', '', true)");
  });

  it('escapes quotes so a value can never end the literal', () => {
    const sql = tenantSettingsSql({ organizationId: "x'); DROP TABLE cl_patients; --", userId: 'u', siteIds: [], patientScope: 'none' });
    expect(sql).toContain("'x''); DROP TABLE cl_patients; --'");
  });
});

describe('inlineStatement (at-commit statements sent as one simple-query message)', () => {
  it('writes each placeholder as its literal, $10 not read as $1 followed by 0', () => {
    const values = ['a', null, 3, true, 'e', 'f', 'g', 'h', 'i', 'ten'];
    const text = 'INSERT INTO t VALUES ($1, $2, $3, $4, $10)';
    expect(inlineStatement(text, values)).toBe("INSERT INTO t VALUES ('a', NULL, 3, true, 'ten')");
  });

  it('escapes quotes and backslashes so that no value can end its literal', () => {
    const sql = inlineStatement('INSERT INTO t VALUES ($1, $2)', ["x'); COMMIT; DROP TABLE t; --", 'back\\slash'])!;
    expect(sql).toBe(`INSERT INTO t VALUES ('x''); COMMIT; DROP TABLE t; --',  E'back\\\\slash')`);
  });

  it('refuses what cannot travel as a literal, so the statement runs at once with bound parameters', () => {
    expect(inlineStatement('INSERT INTO t VALUES ($1)', ['nul \u0000 byte'])).toBeUndefined();
    expect(inlineStatement('INSERT INTO t VALUES ($1)', [new Date()])).toBeUndefined();
    expect(inlineStatement('INSERT INTO t VALUES ($1)', [Number.NaN])).toBeUndefined();
    expect(inlineStatement('INSERT INTO t VALUES ($1, $2)', ['only one'])).toBeUndefined();
  });
});
