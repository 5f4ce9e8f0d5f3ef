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
