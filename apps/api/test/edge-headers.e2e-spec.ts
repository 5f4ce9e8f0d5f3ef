import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { bootApi } from './support/boot-api';
import { expectProblem } from './support/staff-api';

// Security headers (helmet) and the configuration that restricts /metrics and /api/docs in production.

describe('security headers', () => {
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  beforeAll(async () => {
    app = await bootApi({ TRUST_PROXY: 'true' });
  });
  afterAll(() => app.close());

  it('sends a CSP that allows nothing, CORP same-origin and no framing on API answers, errors included', async () => {
    for (const res of [await http().get('/api/v1/me'), await http().get('/health'), await http().get('/nowhere')]) {
      expect(res.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none';base-uri 'none';form-action 'none'");
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['cache-control']).toMatch(/no-store/);
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('sends HSTS only on requests that came over TLS (X-Forwarded-Proto behind TRUST_PROXY)', async () => {
    expect((await http().get('/health')).headers['strict-transport-security']).toBeUndefined();
    const tls = await http().get('/health').set('X-Forwarded-Proto', 'https');
    expect(tls.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });

  it('keeps Swagger UI working: its page, scripts and the document load, under a CSP that allows its own scripts only', async () => {
    const ui = await http().get('/api/docs/');
    expect(ui.status).toBe(200);
    expect(ui.headers['content-type']).toMatch(/text\/html/);
    const csp = ui.headers['content-security-policy'] as string;
    expect(/script-src ([^;]*)/.exec(csp)?.[1]).toBe("'self'");
    // Every script the page runs is a file of its own (no inline <script> the CSP would block), and loads.
    const scripts = [...ui.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, inline] of scripts) {
      expect({ attrs, inline: inline!.trim() }).toEqual({ attrs: expect.stringMatching(/src=/), inline: '' });
      const src = /src="([^"]+)"/.exec(attrs!)![1]!;
      const script = await http().get(new URL(src, 'http://x/api/docs/').pathname);
      expect({ src, status: script.status }).toEqual({ src, status: 200 });
    }
    const doc = await http().get('/api/docs-json');
    expect(doc.status).toBe(200);
    expect(doc.body.info.title).toBe('Cairn API');
  });
});

describe('/metrics and /api/docs restricted by configuration', () => {
  it('answers /metrics only with the METRICS_TOKEN bearer token when it is set', async () => {
    const app = await bootApi({ METRICS_TOKEN: 'scrape-token-0123456789' });
    try {
      const http = () => request(app.getHttpServer());
      const missing = await http().get('/metrics');
      expectProblem(missing, 401);
      expect(missing.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expectProblem(await http().get('/metrics').set('Authorization', 'Bearer scrape-token-012345678X'), 401);
      const ok = await http().get('/metrics').set('Authorization', 'Bearer scrape-token-0123456789');
      expect(ok.status).toBe(200);
      expect(ok.text).toContain('http_request_duration_seconds');
    } finally {
      await app.close();
    }
  });

  it('answers 404 for /metrics with METRICS_ENABLED=false and for the docs with API_DOCS_ENABLED=false', async () => {
    const app = await bootApi({ METRICS_ENABLED: 'false', API_DOCS_ENABLED: 'false' });
    try {
      const http = () => request(app.getHttpServer());
      for (const url of ['/metrics', '/api/docs/', '/api/docs-json']) expectProblem(await http().get(url), 404);
      expect((await http().get('/health')).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
