import { exportAllowed } from './export-permission.rules';

describe('export permission', () => {
  const supervisor = { roleKey: 'supervisor', permissionKeys: ['dashboards.view', 'dashboards.export'] };
  const clinician = { roleKey: 'clinician', permissionKeys: ['dashboards.view'] };

  it('needs dashboards.export on a role the organization has not switched off', () => {
    expect(exportAllowed([supervisor], new Map())).toEqual({ allowed: true, reason: null, roles: ['supervisor'] });
    expect(exportAllowed([supervisor], new Map([['supervisor', false]]))).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('switched off'),
    });
    expect(exportAllowed([clinician], new Map([['clinician', true]]))).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('dashboards.export'),
    });
  });
});
