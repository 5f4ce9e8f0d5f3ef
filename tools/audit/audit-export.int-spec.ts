import { request, type IncomingHttpHeaders } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { Pool, type PoolClient } from 'pg';

import { AUDIT_EXPORT_BATCH } from '@cairn/platform/audit';

import { DemoFixture } from '../../apps/api/test/support/demo-fixture';
import { login, type StaffSession } from '../../apps/api/test/support/staff-api';
import { ScratchApi, startScratchApi } from '../testing/scratch-api';

/**
 * The audit export's contract on the wire (a real HTTP/1.1 client on a real socket): nothing is sent before the
 * filter is valid and the first page is read; a complete export ends with trailers; one that fails midway is cut
 * without the terminating chunk. The API runs on a database of its own: the failure below locks the whole audit
 * table and terminates a backend, which in the run's shared database would stall or kill other suites' writes.
 */
let api: ScratchApi;
let app: INestApplication;
let port: number;
let demo: DemoFixture;
let admin: Pool;
let appRole: string;
let manager: StaffSession;
let sonoran: string;

interface Received {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  trailers: NodeJS.Dict<string>;
  /** The body ended with the terminating chunk. */
  complete: boolean;
}

/** GET with a raw client: supertest would hide a cut connection and the trailers. */
function get(path: string, session: StaffSession): Promise<Received> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, agent: false, headers: { Authorization: `Bearer ${session.accessToken}` } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        let settled = false;
        const finish = (): void => {
          if (settled) return;
          settled = true;
          resolve({ status: res.statusCode!, headers: res.headers, body, trailers: res.trailers, complete: res.complete });
        };
        res.on('end', finish);
        res.on('aborted', finish);
        res.on('error', finish);
        res.on('close', finish);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Polls pg_stat_activity until a backend matches (the lock choreography below waits on real lock waits). */
async function waitForBackend(where: string, params: unknown[]): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const { rows } = await admin.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND ${where}`,
      params,
    );
    if (rows[0]) return rows[0].pid;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no backend matched: ${where}`);
}

beforeAll(async () => {
  api = await startScratchApi({ prefix: 'cairn_export' });
  app = api.app;
  port = api.port;
  demo = new DemoFixture(api.db.ownerUrl);
  admin = new Pool({ connectionString: api.db.adminUrl, max: 3 });
  appRole = decodeURIComponent(new URL(api.db.appUrl).username);
  manager = await login(app, 'manager@sonoran.cairn.test');
  sonoran = await demo.orgId('sonoran');
});
afterAll(async () => {
  await demo?.close();
  await admin?.end();
  await api?.close();
});

describe('GET /api/v1/audit-events/export', () => {
  it('refuses a NUL byte in a filter with 400 naming the field, before any byte of CSV, and exports nothing', async () => {
    const res = await get('/api/v1/audit-events/export?action=a%00', manager);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.complete).toBe(true);
    const problem = JSON.parse(res.body) as { errors: { field: string }[] };
    expect(problem.errors.map((e) => e.field)).toEqual(['action']);
    expect(res.body).not.toContain('seq,occurredAt');
    expect(await demo.auditEvents(`action = 'audit.export' AND request_id = $1`, [res.headers['x-request-id']])).toHaveLength(0);
  });

  it('ends a complete export with the trailers X-Export-Status: complete and the row count', async () => {
    await get('/api/v1/audit-events/export', manager);
    const res = await get('/api/v1/audit-events/export?action=audit.export', manager);
    expect(res.status).toBe(200);
    expect(res.headers).toMatchObject({ 'transfer-encoding': 'chunked', trailer: 'X-Export-Status, X-Export-Rows' });
    const lines = res.body.trim().split('\r\n');
    expect(lines.length).toBeGreaterThan(1);
    expect(res.complete).toBe(true);
    expect(res.trailers).toEqual({ 'x-export-status': 'complete', 'x-export-rows': String(lines.length - 1) });
  });

  it('cuts the connection, with no trailer, when the database fails after the first page', async () => {
    const action = 'test.export-probe';
    await admin.query(
      `INSERT INTO pf_audit_events (chain_key, organization_id, actor_type, action, resource_type, scope, outcome)
       SELECT $1, $1, 'system', $2, 'probe', '{}', 'success' FROM generate_series(1, $3::int)`,
      [sonoran, action, AUDIT_EXPORT_BATCH + 500],
    );
    // Choreography, each step waiting on a real lock wait:
    // 1. hold the chain head, so the export's first transaction (the export's audit row + page 1) waits at COMMIT;
    // 2. queue an ACCESS EXCLUSIVE lock on the audit table behind it;
    // 3. release the head: page 1 is sent, and the page 2 query queues behind the exclusive lock;
    // 4. terminate that backend, as a database restart or failover would.
    const head: PoolClient = await admin.connect();
    const exclusive: PoolClient = await admin.connect();
    try {
      await head.query('BEGIN');
      await head.query('SELECT 1 FROM pf_audit_chain_heads WHERE chain_key = $1 FOR UPDATE', [sonoran]);
      const response = get(`/api/v1/audit-events/export?action=${action}`, manager);
      await waitForBackend('usename = $1', [appRole]);

      await exclusive.query('BEGIN');
      const {
        rows: [{ pid: exclusivePid }],
      } = await exclusive.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const locked = exclusive.query('LOCK TABLE pf_audit_events IN ACCESS EXCLUSIVE MODE');
      await waitForBackend('pid = $1', [exclusivePid]);

      await head.query('COMMIT');
      await locked;
      const page2 = await waitForBackend(`usename = $1 AND query ILIKE '%pf_audit_events%'`, [appRole]);
      await admin.query('SELECT pg_terminate_backend($1)', [page2]);
      await exclusive.query('ROLLBACK');

      const res = await response;
      expect(res.status).toBe(200);
      expect(res.complete).toBe(false); // no terminating chunk: the client knows the file is incomplete
      expect(res.trailers).toEqual({});
      const lines = res.body.split('\r\n').filter(Boolean);
      expect(lines[0]).toMatch(/^seq,occurredAt,/);
      expect(lines.length).toBe(1 + AUDIT_EXPORT_BATCH); // the header and the first page, nothing after it
    } finally {
      await head.query('ROLLBACK').catch(() => undefined);
      await exclusive.query('ROLLBACK').catch(() => undefined);
      head.release();
      exclusive.release();
    }
    // The API is still serving: the pool replaced the terminated connection.
    const again = await get(`/api/v1/audit-events/export?action=${action}`, manager);
    expect(again).toMatchObject({
      status: 200,
      complete: true,
      trailers: { 'x-export-status': 'complete', 'x-export-rows': String(AUDIT_EXPORT_BATCH + 500) },
    });
  });
});
