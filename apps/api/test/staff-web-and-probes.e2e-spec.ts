import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { Readiness } from '@cairn/platform/http';

import { bootApi } from './support/boot-api';

// The API serving a built staff web (STAFF_WEB_DIR): caching per kind of file, the SPA's CSP, /config.js from
// STAFF_WEB_API_URL, client-side routes; and the liveness and readiness probes.

const INDEX =
  '<!doctype html><html><head><script type="module" src="/assets/index-AbC123.js"></script></head><body><div id="root"></div><script src="/config.js"></script></body></html>';

describe('the staff web served by the API', () => {
  let app: INestApplication;
  let dir: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-staff-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    writeFileSync(join(dir, 'config.js'), "window.CAIRN_CONFIG = { apiBaseUrl: '' };\n");
    writeFileSync(join(dir, 'assets', 'index-AbC123.js'), 'console.log("app");\n');
    writeFileSync(join(dir, 'assets', 'index-AbC123.css'), 'body{}\n');
    app = await bootApi({ STAFF_WEB_DIR: dir, STAFF_WEB_API_URL: 'https://api.practice.example/' });
  });
  afterAll(async () => {
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves hashed assets for a year, immutable, with their type', async () => {
    const js = await http().get('/assets/index-AbC123.js');
    expect(js.status).toBe(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(js.text).toBe('console.log("app");\n');
    const css = await http().get('/assets/index-AbC123.css');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
  });

  it('serves index.html with no-cache and the SPA CSP at / and at client-side routes, and revalidates by ETag', async () => {
    for (const path of ['/', '/patients/4f1c2a7e-0000-4000-8000-000000000001', '/review/group-encounters']) {
      const res = await http().get(path);
      expect(res.status).toBe(200);
      expect(res.text).toBe(INDEX);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe('no-cache');
      const csp = res.headers['content-security-policy'] as string;
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("connect-src 'self' https://api.practice.example");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      const again = await http()
        .get(path)
        .set('If-None-Match', res.headers['etag'] as string);
      expect(again.status).toBe(304);
    }
  });

  it('answers /config.js from STAFF_WEB_API_URL, not the file in the bundle, with no-cache', async () => {
    const res = await http().get('/config.js');
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.text).toContain('window.CAIRN_CONFIG = {"apiBaseUrl":"https://api.practice.example"};');
  });

  it('answers a missing asset or file with 404, never with index.html', async () => {
    for (const path of ['/assets/index-Gone99.js', '/favicon.ico', '/assets/../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd.txt']) {
      const res = await http().get(path);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('<div id="root">');
    }
  });

  it('leaves /api, /health and /metrics to the API, with its own headers', async () => {
    const api = await http().get('/api/v1/me');
    expect(api.status).toBe(401);
    expect(api.headers['content-type']).toMatch(/problem\+json/);
    expect(api.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'");
    expect((await http().get('/api/v1/nowhere')).status).toBe(404);
    expect((await http().get('/health')).status).toBe(200);
    expect((await http().get('/metrics')).status).toBe(200);
    // Not a GET: never the web app.
    expect((await http().post('/patients').send({})).status).toBe(404);
  });
});

const PORTAL_INDEX =
  '<!doctype html><html><head><title>Cairn portal</title><script type="module" src="/assets/index-Po1234.js"></script></head><body><div id="portal-root"></div></body></html>';

describe('the client portal served by the API on its own host name (PORTAL_WEB_DIR, PORTAL_WEB_HOST)', () => {
  let app: INestApplication;
  const dirs: string[] = [];
  const http = () => request(app.getHttpServer());
  const bundle = (prefix: string, index: string, asset: string): string => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), index);
    writeFileSync(join(dir, 'assets', asset), `console.log(${JSON.stringify(asset)});\n`);
    return dir;
  };

  beforeAll(async () => {
    app = await bootApi({
      STAFF_WEB_DIR: bundle('cairn-staff-web-', INDEX, 'index-AbC123.js'),
      PORTAL_WEB_DIR: bundle('cairn-portal-web-', PORTAL_INDEX, 'index-Po1234.js'),
      PORTAL_WEB_HOST: 'portal.practice.example',
    });
  });
  afterAll(async () => {
    await app?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('answers the portal host with the portal, at / and at its client-side routes, and every other host with the staff web', async () => {
    for (const path of ['/', '/mood', '/patients/4f1c2a7e-0000-4000-8000-000000000001', '/accept-invitation']) {
      const portal = await http().get(path).set('Host', 'portal.practice.example');
      expect(portal.status).toBe(200);
      expect(portal.text).toBe(PORTAL_INDEX);
      expect(portal.headers['cache-control']).toBe('no-cache');
      expect(portal.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      const staff = await http().get(path).set('Host', 'cairn.practice.example');
      expect(staff.text).toBe(INDEX);
    }
    expect((await http().get('/assets/index-Po1234.js').set('Host', 'portal.practice.example')).status).toBe(200);
    // Neither host serves the other's files.
    expect((await http().get('/assets/index-AbC123.js').set('Host', 'portal.practice.example')).status).toBe(404);
    expect((await http().get('/assets/index-Po1234.js').set('Host', 'cairn.practice.example')).status).toBe(404);
  });

  it('lets the portal play and show what it fetched with its token (blob: media and images), nothing from elsewhere', async () => {
    const csp = (await http().get('/').set('Host', 'portal.practice.example')).headers['content-security-policy'] as string;
    expect(csp).toContain("media-src 'self' blob:");
    expect(csp).toContain("img-src 'self' data: blob:");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('writes the portal a /config.js calling the API on its own origin, and leaves /api to the API on the portal host', async () => {
    const config = await http().get('/config.js').set('Host', 'portal.practice.example');
    expect(config.text).toContain('window.CAIRN_CONFIG = {"apiBaseUrl":""};');
    const api = await http().post('/api/v1/portal/auth/login').set('Host', 'portal.practice.example').send({});
    expect(api.status).toBe(400);
    expect(api.headers['content-type']).toMatch(/problem\+json/);
  });
});

describe('liveness and readiness', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  beforeAll(async () => {
    app = await bootApi();
  });
  afterAll(() => app?.close());

  it('answers /health/live without checking dependencies, /health/ready and /health with them', async () => {
    const live = await http().get('/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok' });
    const ready = await http().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' }, redis: { status: 'up' } } });
    expect((await http().get('/health')).status).toBe(200);
  });

  it('is not ready once shutdown has begun, while still alive', async () => {
    app.get(Readiness).markDraining();
    const ready = await http().get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.headers['content-type']).toMatch(/problem\+json/);
    expect(ready.body).toMatchObject({ status: 503, detail: expect.stringMatching(/Shutting down/) });
    expect((await http().get('/health/live')).status).toBe(200);
  });
});
