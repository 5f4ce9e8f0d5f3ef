import { tenantSettingsSql } from './tenant-pool';

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
