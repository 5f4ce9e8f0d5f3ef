import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { bootApi, LogCapture } from './support/boot-api';
import { HttpProbeController } from './support/http-probe.controller';
import { expectProblem } from './support/staff-api';

let app: INestApplication;
const logs = new LogCapture();
const http = () => request(app.getHttpServer());
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeAll(async () => {
  app = await bootApi({}, logs, { controllers: [HttpProbeController] });
});
afterAll(() => app.close());

const validPerson = { firstName: 'Zebulon', address: { line1: '12 Saguaro Way', postalCode: '85001' } };

describe('validation errors', () => {
  it('answers 400 problem+json naming nested, array and forbidden extra fields by dotted path', async () => {
    const res = await http()
      .post('/api/v1/test-probe/people')
      .send({
        firstName: '',
        address: { line1: 'x', postalCode: 'ABC', extra: 1 },
        contacts: [{ phone: '+1 602 555 0100' }, { phone: 'nope' }],
        admin: true,
      });
    expectProblem(res, 400);
    expect(res.body.type).toBe('https://cairn.dev/problems/validation-error');
    expect(res.body.title).toBe('Validation failed');
    expect(res.body.instance).toBe('/api/v1/test-probe/people');
    const fields = (res.body.errors as { field: string; message: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['address.extra', 'address.postalCode', 'admin', 'contacts.1.phone', 'firstName']);
    expect(res.body.errors).toContainEqual({ field: 'address.postalCode', message: 'address.postalCode must be a ZIP or ZIP+4' });
    expect(res.body.errors).toContainEqual({ field: 'admin', message: 'admin is not an accepted property' });
    expect(res.body.detail).toBe('The request has 5 invalid fields.');
  });

  it('accepts a valid body', async () => {
    const res = await http().post('/api/v1/test-probe/people').send(validPerson);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ accepted: true });
  });

  it('validates page and pageSize (1..200) and applies the defaults', async () => {
    expect((await http().get('/api/v1/test-probe/page')).body).toEqual({ items: [], page: 1, pageSize: 50, total: 0 });
    expect((await http().get('/api/v1/test-probe/page?page=3&pageSize=200')).body).toMatchObject({ page: 3, pageSize: 200 });
    const res = await http().get('/api/v1/test-probe/page?page=0&pageSize=201');
    expectProblem(res, 400);
    expect((res.body.errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['page', 'pageSize']);
  });
});

describe('request bodies express cannot read', () => {
  it('answers malformed JSON with 400 problem+json that does not quote the body', async () => {
    const res = await http().post('/api/v1/test-probe/people').set('Content-Type', 'application/json').send('{"firstName": "Zebulon",');
    expectProblem(res, 400);
    expect(res.body.type).toBe('https://cairn.dev/problems/malformed-body');
    expect(res.body.requestId).toMatch(UUID);
    expect(JSON.stringify(res.body)).not.toContain('Zebulon');
  });

  it('answers a body over 1 MB with 413 problem+json', async () => {
    const res = await http()
      .post('/api/v1/test-probe/people')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ firstName: 'x'.repeat(1_100_000) }));
    expectProblem(res, 413);
  });
});

describe('errors as problem+json', () => {
  it('answers an unknown route, inside or outside /api, with 404 problem+json without echoing the query', async () => {
    for (const url of ['/api/v1/no-such-route?name=Zebulon', '/nowhere']) {
      const res = await http().get(url);
      expectProblem(res, 404);
      expect(res.body.type).toBe('https://cairn.dev/problems/route-not-found');
      expect(res.body.instance).toBe(url.split('?')[0]);
      expect(JSON.stringify(res.body)).not.toContain('Zebulon');
    }
  });

  it('answers a thrown Error with a generic 500 that leaks neither message nor stack', async () => {
    const res = await http().get('/api/v1/test-probe/boom');
    expectProblem(res, 500);
    expect(res.body.type).toBe('https://cairn.dev/problems/internal-error');
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/db-secret-host|123-45-6789|Error:|\.ts:\d+/);
    expect(res.body.requestId).toMatch(UUID);
  });

  it('does not pass on the message of a 500 HttpException either', async () => {
    const res = await http().get('/api/v1/test-probe/http-500');
    expectProblem(res, 500);
    expect(JSON.stringify(res.body)).not.toContain('hunter2');
  });

  it.each([
    ['invalid-input', 400, 'validation-error'],
    ['unauthorized', 401, 'unauthorized'],
    ['forbidden', 403, 'forbidden'],
    ['not-found', 404, 'not-found'],
    ['conflict', 409, 'conflict'],
    ['rule-violation', 422, 'rule-violation'],
    ['too-many-requests', 429, 'too-many-requests'],
  ])('maps the %s domain error to %i', async (kind, status, slug) => {
    const res = await http().get(`/api/v1/test-probe/domain/${kind}`);
    expectProblem(res, status);
    expect(res.body.type).toBe(`https://cairn.dev/problems/${slug}`);
    expect(res.body.detail).toEqual(expect.any(String));
    if (status === 400) expect(res.body.errors).toEqual([{ field: 'period.end', message: 'period.end must be after period.start' }]);
    if (status === 429) expect(res.headers['retry-after']).toBe('42');
  });

  it('answers a protected route without a token with 401 problem+json', async () => {
    expectProblem(await http().get('/api/v1/me'), 401);
  });
});

describe('request ids', () => {
  it('echoes a well-formed X-Request-Id and puts it in the request store', async () => {
    const res = await http().get('/api/v1/test-probe/items/7').set('X-Request-Id', 'trace-abc.123_x');
    expect(res.headers['x-request-id']).toBe('trace-abc.123_x');
    expect(res.body).toEqual({ id: '7', requestId: 'trace-abc.123_x' });
  });

  it('replaces a missing or malformed X-Request-Id with a UUID', async () => {
    const generated = await http().get('/api/v1/test-probe/items/7');
    expect(generated.headers['x-request-id']).toMatch(UUID);
    expect(generated.body.requestId).toBe(generated.headers['x-request-id']);
    for (const bad of ['has space', 'x'.repeat(65), 'semi;colon']) {
      const res = await http().get('/api/v1/test-probe/items/7').set('X-Request-Id', bad);
      expect(res.headers['x-request-id']).toMatch(UUID);
    }
  });

  it('reports the request id in problem bodies', async () => {
    const res = await http().get('/api/v1/test-probe/domain/conflict').set('X-Request-Id', 'req-409');
    expect(res.body.requestId).toBe('req-409');
  });
});

describe('operations endpoints', () => {
  it('serves /health outside /api with database and redis up', async () => {
    const res = await http().get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', details: { database: { status: 'up' }, redis: { status: 'up' } } });
    expect((await http().get('/api/health')).status).toBe(404);
  });

  it('serves /metrics with the latency histogram labelled by route template, never the raw URL', async () => {
    await http().get('/api/v1/test-probe/items/patient-8f3c');
    await http().get('/api/v1/nothing-here/42');
    const res = await http().get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain;.*version=0\.0\.4/);
    expect(res.text).toContain('# TYPE http_request_duration_seconds histogram');
    expect(res.text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/api\/v1\/test-probe\/items\/:id",status_code="200"\} \d+/,
    );
    expect(res.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="404"\} \d+/);
    expect(res.text).toContain('process_cpu_user_seconds_total');
    expect(res.text).not.toContain('patient-8f3c');
    expect(res.text).not.toContain('nothing-here');
  });

  it('documents bearer auth, problem responses and tags in /api/docs-json, and serves the UI at /api/docs', async () => {
    const doc = (await http().get('/api/docs-json')).body;
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.components.schemas.ProblemDetailsDto.required).toEqual(
      expect.arrayContaining(['type', 'title', 'status', 'detail', 'instance']),
    );
    expect(doc.info).toMatchObject({ title: 'Cairn API', version: '1' });
    expect(doc.paths['/health'].get.tags).toEqual(['operations']);
    expect(doc.paths['/metrics']).toBeUndefined();
    const ui = await http().get('/api/docs/');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
  });
});

describe('logs', () => {
  it('carry reqId, method, path without query, status and duration, and never a redacted value', async () => {
    logs.lines.length = 0;
    await http()
      .post('/api/v1/test-probe/people?name=Quimby')
      .set('X-Request-Id', 'log-check-1')
      .set('Authorization', 'Bearer secret-token-value')
      .send({
        ...validPerson,
        contacts: [{ phone: '+1 602 555 0199' }],
      });
    await http().get('/api/v1/test-probe/boom?lastName=Quimby').set('X-Request-Id', 'log-check-2');
    await new Promise((r) => setTimeout(r, 50));
    const text = logs.text;
    if (process.env['SHOW_LOGS']) console.log(text);
    for (const secret of [
      'Zebulon',
      '12 Saguaro Way',
      '85001',
      '602 555 0199',
      '1971-02-03',
      'zebulon@example.test',
      'Quimby',
      'secret-token-value',
      '?name=',
      '?lastName=',
    ]) {
      expect({ secret, found: text.includes(secret) }).toEqual({ secret, found: false });
    }
    const lines = logs.lines.map((l) => JSON.parse(l) as Record<string, any>);
    const probe = lines.find((l) => l['msg'] === 'probe person received')!;
    expect(probe).toMatchObject({ reqId: 'log-check-1', person: { firstName: '[REDACTED]', address: '[REDACTED]' } });
    expect(probe['nested'].deeper[0]).toEqual({ dateOfBirth: '[REDACTED]', email: '[REDACTED]' });
    const completed = lines.find((l) => l['reqId'] === 'log-check-1' && l['res'])!;
    expect(completed).toMatchObject({
      req: { method: 'POST', path: '/api/v1/test-probe/people' },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
    });
    const failure = lines.find((l) => l['reqId'] === 'log-check-2' && l['err'])!;
    expect(failure['err'].stack).toMatch(/at .*http-probe\.controller/); // the cause is logged, with its stack
  });
});
