import { DEMO_LOGINS, DEMO_PASSWORD } from '../seed/demo-catalogue';
import { formatBanner } from './launcher-banner';

const banner = (webApps: { name: string; port: number }[] = []) =>
  formatBanner({
    apiPort: 3000,
    workerPort: 3001,
    webApps,
    database: 'embedded',
    redis: 'redis://127.0.0.1:6379',
    logins: DEMO_LOGINS,
    password: DEMO_PASSWORD,
  });

describe('formatBanner', () => {
  it('lists the API, its OpenAPI UI and the worker health and metrics URLs', () => {
    const text = banner();
    for (const url of [
      'http://localhost:3000/api/v1',
      'http://localhost:3000/api/docs',
      'http://localhost:3001/health',
      'http://localhost:3001/metrics',
    ]) {
      expect(text).toContain(url);
    }
  });

  it('prints every demo login the issue names, with the shared password', () => {
    const text = banner();
    expect(text).toContain('password demo-password-1');
    for (const email of [
      'admin@sonoran.cairn.test',
      'supervisor@sonoran.cairn.test',
      'billing@sonoran.cairn.test',
      'hr@sonoran.cairn.test',
      'clinician@sonoran.cairn.test',
      'frontdesk@sonoran.cairn.test',
      'manager@sonoran.cairn.test',
      'admin@cascade.cairn.test',
    ]) {
      expect(text).toContain(email);
    }
  });

  it('lists web apps only when they run', () => {
    expect(banner()).not.toContain('4200');
    expect(banner([{ name: 'Staff web', port: 4200 }])).toMatch(/Staff web\s+http:\/\/localhost:4200/);
  });
});
