import type { INestApplication } from '@nestjs/common';

import { freePort, TcpProxy } from '@cairn/testing';

import { bootApi, LogCapture, redisFlushLoginCounters } from './support/boot-api';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

// PostgreSQL out of reach (a restart, a failover, a cut network): the API's connections go through a TCP proxy that
// resets them and refuses new ones for a while. A request in that window is the server's temporary trouble, not a
// bug: 503 problem+json with Retry-After and a sentence, never a 500 or a stack; and the API serves again, with no
// restart, once the database is back.
let app: INestApplication;
let proxy: TcpProxy;
let admin: StaffSession;
const logs = new LogCapture();

beforeAll(async () => {
  const target = new URL(process.env['DATABASE_URL']!);
  proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) }, await freePort());
  await proxy.start();
  const proxied = new URL(process.env['DATABASE_URL']!);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.listenPort);
  app = await bootApi({ DATABASE_URL: proxied.toString() }, logs);
  await redisFlushLoginCounters();
  admin = await login(app, 'admin@sonoran.cairn.test');
});
afterAll(async () => {
  await app?.close();
  await proxy?.stop();
});

describe('PostgreSQL out of reach', () => {
  it('answers 503 with Retry-After while the database is unreachable, and serves again once it is back', async () => {
    expect((await as(app, admin).get('/api/v1/patients')).status).toBe(200);
    const outage = proxy.outage(3_000);
    await new Promise((r) => setTimeout(r, 100));
    const res = await as(app, admin).get('/api/v1/patients');
    expectProblem(res, 503);
    expect(res.headers['retry-after']).toMatch(/^\d+$/);
    expect(res.body.detail).toMatch(/database is not reachable/i);
    expect(JSON.stringify(res.body)).not.toMatch(/ECONN|terminated|prisma|pg_|127\.0\.0\.1/i);
    await outage;
    let after = 0;
    for (let i = 0; i < 20 && after !== 200; i++) {
      after = (await as(app, admin).get('/api/v1/patients')).status;
      if (after !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(after).toBe(200);
  });

  it('logs the outage as a warning, not as an unhandled 500', async () => {
    expect(logs.text).not.toContain('Unhandled error answered with 500');
    expect(logs.text).toContain('The database is not reachable: answered 503');
  });
});
