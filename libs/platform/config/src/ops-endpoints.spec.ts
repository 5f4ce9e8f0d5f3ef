import { randomBytes } from 'node:crypto';

import { apiDocsEnabled, ConfigError, loadConfig } from './app-config';

// Outside NODE_ENV=test a signing secret of the installation's own is required.
const base = { DATABASE_URL: 'postgresql://cairn_app@127.0.0.1:5432/cairn', JWT_SECRET: randomBytes(32).toString('base64url') };

describe('/metrics and /api/docs configuration', () => {
  it('serves the docs by default outside production, and only when API_DOCS_ENABLED=true in production', () => {
    expect(apiDocsEnabled(loadConfig({ ...base, NODE_ENV: 'development' }))).toBe(true);
    expect(apiDocsEnabled(loadConfig({ ...base, NODE_ENV: 'test' }))).toBe(true);
    expect(apiDocsEnabled({ NODE_ENV: 'production', API_DOCS_ENABLED: undefined })).toBe(false);
    expect(apiDocsEnabled({ NODE_ENV: 'production', API_DOCS_ENABLED: 'true' })).toBe(true);
    expect(apiDocsEnabled(loadConfig({ ...base, API_DOCS_ENABLED: 'false' }))).toBe(false);
  });

  it('reads METRICS_ENABLED and METRICS_TOKEN, refusing a short token and an unknown flag', () => {
    expect(loadConfig(base)).toMatchObject({ METRICS_ENABLED: 'true', METRICS_TOKEN: undefined });
    expect(loadConfig({ ...base, METRICS_TOKEN: 'scrape-token-0123456789' }).METRICS_TOKEN).toBe('scrape-token-0123456789');
    expect(() => loadConfig({ ...base, METRICS_TOKEN: 'short' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, METRICS_ENABLED: 'yes' })).toThrow(/METRICS_ENABLED/);
    expect(() => loadConfig({ ...base, API_DOCS_ENABLED: 'on' })).toThrow(/API_DOCS_ENABLED/);
  });

  it('serves the client portal only with the host name it is served on', () => {
    expect(loadConfig(base)).toMatchObject({ PORTAL_WEB_DIR: '', PORTAL_WEB_HOST: undefined });
    expect(loadConfig({ ...base, PORTAL_WEB_DIR: '/srv/portal', PORTAL_WEB_HOST: 'portal.practice.example' }).PORTAL_WEB_HOST).toBe(
      'portal.practice.example',
    );
    expect(() => loadConfig({ ...base, PORTAL_WEB_DIR: '/srv/portal' })).toThrow(/PORTAL_WEB_HOST is required with PORTAL_WEB_DIR/);
    for (const bad of ['https://portal.practice.example', 'portal.practice.example:4300', 'Portal.Example', 'portal/x', 'portal..example'])
      expect(() => loadConfig({ ...base, PORTAL_WEB_DIR: '/srv/portal', PORTAL_WEB_HOST: bad })).toThrow(/PORTAL_WEB_HOST must be/);
  });
});
