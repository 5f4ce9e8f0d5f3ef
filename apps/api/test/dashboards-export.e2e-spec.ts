import { execFile } from 'node:child_process';
import type { INestApplication } from '@nestjs/common';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import request from 'supertest';

import { SseClient } from '@cairn/testing';

import { bootApi } from './support/boot-api';
import { DashboardStore } from './support/dashboard-store';
import { DemoFixture } from './support/demo-fixture';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

/**
 * Issue 16 item 8 (export) and item 11 (Prometheus), b16-runtime: CSV and PDF of a view and of a drill-down, the
 * export permission checked at export time (a role without it, and a role the organization switched off: 403 and a
 * denied dashboard audit event), the §3.4 state machine, and the dashboards' metrics on /metrics.
 */
let app: INestApplication;
// The process's tracer provider, with an in-memory exporter, as OTLP would be registered when configured.
const spans = new InMemorySpanExporter();
trace.setGlobalTracerProvider(new TracerProvider({ spanProcessors: [new SimpleSpanProcessor({ exporter: spans })] }));
const demo = new DemoFixture();
const store = new DashboardStore(demo.owner);
let org: string;
let today: string;
const sessions: Record<string, StaffSession> = {};
const ids: Record<string, string> = {};
const EMAILS = {
  admin: 'admin@sonoran.cairn.test',
  manager: 'manager@sonoran.cairn.test',
  frontdesk: 'frontdesk@sonoran.cairn.test',
} as const;
type Who = keyof typeof EMAILS;
const get = (who: Who, url: string) => as(app, sessions[who]!, org).get(url);

/** Buffers a binary response (supertest leaves PDFs unparsed). */
const binary = (t: request.Test) =>
  t.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });

/**
 * The text of a PDF, extracted by pdf-parse (pdf.js) in a child node process: pdf.js loads its worker with a dynamic
 * import, which Jest's module sandbox refuses.
 */
function pdfText(pdf: Buffer): Promise<string> {
  const script =
    "const { PDFParse } = require('pdf-parse'); const chunks = []; process.stdin.on('data', (c) => chunks.push(c)); " +
    "process.stdin.on('end', async () => { const p = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) }); " +
    'const r = await p.getText(); await p.destroy(); process.stdout.write(r.text); });';
  return new Promise((resolve, reject) => {
    const child = execFile(process.execPath, ['-e', script], { maxBuffer: 10_000_000 }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    );
    child.stdin!.end(pdf);
  });
}

/** Splits RFC 4180 CSV (quoted fields with commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field.replace(/\r$/, ''));
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

async function dashboardEvents(eventType: string, since: Date): Promise<Array<{ actor_id: string; scope_context: any }>> {
  const { rows } = await demo.owner.query(
    `SELECT actor_id, scope_context FROM ds_audit_events WHERE organization_id = $1 AND event_type = $2 AND occurred_at >= $3 ORDER BY occurred_at`,
    [org, eventType, since],
  );
  return rows;
}

beforeAll(async () => {
  app = await bootApi();
  org = await demo.orgId('sonoran');
  today = await store.today(org);
  for (const [who, email] of Object.entries(EMAILS)) {
    sessions[who] = await login(app, email);
    ids[who] = await demo.userId(email);
  }
  await store.clear(org);
  const tucson = (await demo.sites('sonoran')).find((s) => s.code === 'TUC')!.id;
  const clinician = await demo.userId('clinician@sonoran.cairn.test');
  await store.put(org, 'pm.appointments', [
    { signal: 'appointments.scheduled', day: today, siteId: tucson, providerId: clinician, value: 9, breakdown: { scheduled: 9 } },
    { signal: 'appointments.no-show', day: today, siteId: tucson, providerId: clinician, value: 2 },
  ]);
  await store.status(org, 'pm.appointments', { status: 'ok', lastSuccessAt: new Date() });
  // One appointment today (the drill-down reads the owning context's records, not the store).
  const booked = await as(app, sessions['frontdesk']!, org)
    .post('/api/v1/pm/appointments')
    .send({
      siteId: tucson,
      providerId: await demo.userId('clinician.tucson@sonoran.cairn.test'),
      patientId: await demo.patientAtSite(tucson),
      serviceType: 'psychotherapy-45',
      startAt: new Date(Date.now() + 360_000).toISOString(),
      endAt: new Date(Date.now() + 360_000 + 2_700_000).toISOString(),
    });
  expect(booked.status).toBe(201);
});
afterAll(async () => {
  await as(app, sessions['admin']!, org).put('/api/v1/dashboards/export-permissions/practice_manager').send({ allowed: true });
  await app.close();
  await demo.close();
});

describe('CSV export of the current view (with its filters)', () => {
  it("holds exactly the caller's tiles for those filters, each with value, update model, freshness and feed state; audited as exported", async () => {
    const since = new Date();
    const view = await get('manager', '/api/v1/dashboards/me?range=this-week');
    expect(view.status).toBe(200);
    const res = await get('manager', '/api/v1/dashboards/me/export?format=csv&range=this-week');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="dashboard-manager-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const [header, ...rows] = parseCsv(res.text);
    expect(header).toEqual([
      'metric_key',
      'name',
      'domain',
      'value',
      'unit',
      'target',
      'update_model',
      'freshness',
      'computed_at',
      'feed_state',
      'stale_since',
      'stale_reason',
      'attention',
      'scope',
    ]);
    expect(rows.map((r) => r[0]).sort()).toEqual((view.body.tiles as any[]).map((t) => t.metricKey).sort());
    const today$ = rows.find((r) => r[0] === 'appointments.today')!;
    expect(today$[3]).toBe('9');
    expect(today$[6]).toBe('real-time');
    expect(today$[9]).toBe('ok');
    const exported = await dashboardEvents('exported', since);
    expect(exported).toEqual([
      expect.objectContaining({ actor_id: ids['manager'], scope_context: expect.objectContaining({ format: 'csv', range: 'this-week' }) }),
    ]);
  });

  it('refuses a bad format naming the field (400 problem+json), writing nothing', async () => {
    const res = await get('manager', '/api/v1/dashboards/me/export?format=xlsx');
    expectProblem(res, 400);
    expect(JSON.stringify(res.body)).toMatch(/format/);
  });
});

describe('PDF export: a real PDF with title, scope, filters, freshness and generated-at', () => {
  it('parses as a PDF whose text says what it is and holds the metrics', async () => {
    const res = await binary(get('manager', '/api/v1/dashboards/views/manager/export?format=pdf'));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toMatch(/Manager.*dashboard/i);
    expect(text).toMatch(/Scope: .*view manager/);
    expect(text).toMatch(new RegExp(`Filters: today ${today} to ${today}`));
    expect(text).toMatch(/Freshness/);
    expect(text).toMatch(/Generated at: \d{4}-\d{2}-\d{2}T/);
    expect(text).toContain('appointments.today');
    expect(text).toMatch(/update_model: real-time/);
  });
});

describe('export permission checked at export time (§13.2 rule 5)', () => {
  it('refuses a role without dashboards.export (front desk): 403, and the attempt is a denied dashboard audit event', async () => {
    const since = new Date();
    const view = await get('frontdesk', '/api/v1/dashboards/me');
    expect(view.status).toBe(200); // it may render
    const res = await get('frontdesk', '/api/v1/dashboards/me/export?format=csv');
    expectProblem(res, 403);
    const denied = await dashboardEvents('denied', since);
    expect(denied).toEqual([
      expect.objectContaining({
        actor_id: ids['frontdesk'],
        scope_context: expect.objectContaining({ format: 'csv', reason: expect.stringMatching(/^export: /) }),
      }),
    ]);
    expect(await dashboardEvents('exported', since)).toEqual([]);
  });

  it('refuses the manager once an admin switches export off for the role, at the next export (not only at render)', async () => {
    const off = await as(app, sessions['admin']!, org)
      .put('/api/v1/dashboards/export-permissions/practice_manager')
      .send({ allowed: false });
    expect(off.status).toBe(200);
    const since = new Date();
    expectProblem(await get('manager', '/api/v1/dashboards/me/export?format=pdf'), 403);
    expect(await dashboardEvents('denied', since)).toHaveLength(1);
    const on = await as(app, sessions['admin']!, org).put('/api/v1/dashboards/export-permissions/practice_manager').send({ allowed: true });
    expect(on.status).toBe(200);
    expect((await get('manager', '/api/v1/dashboards/me/export?format=csv')).status).toBe(200);
  });

  it('refuses a drill-down export without the permission the same way', async () => {
    const since = new Date();
    expectProblem(await get('frontdesk', `/api/v1/dashboards/drill/appointments.today/export?format=csv`), 403);
    expect(await dashboardEvents('denied', since)).toHaveLength(1);
  });
});

describe('drill-down export', () => {
  it("exports the owning context's records behind a metric (CSV with id, the context's columns, withheld reason and link)", async () => {
    const since = new Date();
    const res = await get('manager', `/api/v1/dashboards/drill/appointments.today/export?format=csv&metric=appointments.today`);
    expect(res.status).toBe(200);
    const [header, ...rows] = parseCsv(res.text);
    expect(header![0]).toBe('id');
    expect(header!.slice(-2)).toEqual(['withheld_reason', 'link']);
    expect(Number(res.headers['x-export-rows'])).toBe(rows.length);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    for (const r of rows) expect(r[r.length - 1]).toMatch(/^\//);
    expect(await dashboardEvents('drilled-into', since)).not.toHaveLength(0);
    expect(await dashboardEvents('exported', since)).toEqual([
      expect.objectContaining({
        scope_context: expect.objectContaining({ target: 'drill', drillKey: 'appointments.today', format: 'csv' }),
      }),
    ]);
  });

  it('exports it as a PDF too', async () => {
    const res = await binary(get('manager', `/api/v1/dashboards/drill/appointments.today/export?format=pdf`));
    expect(res.status).toBe(200);
    const text = await pdfText(res.body as Buffer);
    expect(text).toMatch(/Drill-down: [a-z.-]+\s+\(appointments\.today\)/);
    expect(text).toMatch(/[1-9]\d* of [1-9]\d* record\(s\)/);
    expect(text).toMatch(/Generated at: /);
  });
});

describe('Prometheus metrics of dashboards (issue 16 item 11)', () => {
  it('exposes render latency per view, export volume by format, audit write outcomes and feed availability per source', async () => {
    await get('manager', '/api/v1/dashboards/me');
    const text = (await request(app.getHttpServer()).get('/metrics')).text;
    expect(text).toMatch(/^cairn_dashboard_render_seconds_count\{view="manager",outcome="ok"\} [1-9]/m);
    expect(text).toMatch(/^cairn_dashboard_exports_total\{format="csv",outcome="exported"\} [1-9]/m);
    expect(text).toMatch(/^cairn_dashboard_exports_total\{format="csv",outcome="denied"\} [1-9]/m);
    expect(text).toMatch(/^cairn_dashboard_exports_total\{format="pdf",outcome="exported"\} [1-9]/m);
    expect(text).toMatch(/^cairn_dashboard_audit_writes_total\{outcome="success"\} [1-9]/m);
    expect(text).toMatch(/^cairn_dashboard_audit_writes_total\{outcome="failure"\} 0/m);
    expect(text).toMatch(/^cairn_dashboard_feeds\{source="pm.appointments",state="ok"\} [1-9]/m);
  });
});

describe('OpenTelemetry: a span per cross-context feed call (issue 16 item 11)', () => {
  it('traces each GetPerformanceSignalsQuery of a recompute with its source, days and buckets, and a failing one as an error', async () => {
    spans.reset();
    await demo.owner.query(`REVOKE EXECUTE ON FUNCTION cl_consent_signals(uuid, date, date) FROM cairn_app`);
    try {
      const res = await as(app, sessions['admin']!, org)
        .post('/api/v1/dashboards/recompute')
        .send({ sources: ['pm.appointments', 'cl.consents'], from: today, to: today });
      expect(res.status).toBe(200);
    } finally {
      await demo.owner.query(`GRANT EXECUTE ON FUNCTION cl_consent_signals(uuid, date, date) TO cairn_app`);
    }
    const finished = spans.getFinishedSpans().filter((s) => s.name.startsWith('performance-signals '));
    expect(finished.map((s) => s.name).sort()).toEqual(['performance-signals cl.consents', 'performance-signals pm.appointments']);
    const ok = finished.find((s) => s.name === 'performance-signals pm.appointments')!;
    expect(ok.attributes).toMatchObject({ 'cairn.signal.source': 'pm.appointments', 'cairn.signal.from': today, 'cairn.signal.to': today });
    expect(ok.attributes['cairn.signal.buckets']).toBeGreaterThanOrEqual(1);
    expect(ok.status.code).toBe(SpanStatusCode.OK);
    const failed = finished.find((s) => s.name === 'performance-signals cl.consents')!;
    expect(failed.status).toEqual({ code: SpanStatusCode.ERROR, message: expect.stringMatching(/permission denied/i) });
    expect(failed.events.map((e) => e.name)).toContain('exception');
  });
});

describe("the admin's on-demand recompute reaches connected browsers; no payload is shared between roles", () => {
  it('announces an on-demand recompute on the stream of a role that may see its metrics', async () => {
    await app.listen(0, '127.0.0.1');
    const base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const stream = await SseClient.open(`${base}/api/v1/dashboards/stream`, {
      authorization: `Bearer ${sessions['manager']!.accessToken}`,
    });
    try {
      expect(stream.status).toBe(200);
      await stream.next((e) => e.event === 'ready');
      const res = await as(app, sessions['admin']!, org)
        .post('/api/v1/dashboards/recompute')
        .send({ sources: ['pm.appointments'], from: today, to: today });
      expect(res.status).toBe(200);
      const e = await stream.next((x) => x.event === 'metrics-changed' && JSON.parse(x.data).trigger === 'batch', 10_000);
      expect(JSON.parse(e.data)).toMatchObject({ days: [today], feeds: { 'pm.appointments': 'ok' } });
      expect(JSON.parse(e.data).metrics).toContain('appointments.today');
    } finally {
      await stream.close();
    }
  });

  it('answers two roles of one practice, asking alternately with the same filters, each with its own view (no cache shares a payload)', async () => {
    const bodies = [] as Array<{ who: Who; body: any }>;
    for (let i = 0; i < 3; i++)
      for (const who of ['manager', 'frontdesk'] as const)
        bodies.push({ who, body: (await get(who, '/api/v1/dashboards/me?range=today')).body });
    const keys = (who: Who) =>
      new Set(bodies.filter((b) => b.who === who).map((b) => JSON.stringify((b.body.tiles as any[]).map((t) => t.metricKey))));
    expect(keys('manager').size).toBe(1);
    expect(keys('frontdesk').size).toBe(1);
    expect([...keys('manager')][0]).not.toEqual([...keys('frontdesk')][0]);
    expect(bodies.filter((b) => b.who === 'frontdesk').every((b) => b.body.view.key === 'front-of-house')).toBe(true);
    expect(bodies.filter((b) => b.who === 'manager').every((b) => b.body.view.key === 'manager')).toBe(true);
  });
});
