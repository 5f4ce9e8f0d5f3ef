import { createServer, type AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';

import { ConfigModule, loadConfig } from '@cairn/platform/config';
import { DbModule } from '@cairn/platform/db';

import { HealthModule } from './health';
import { ProblemDetailsFilter } from './problem-details.filter';

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function healthApp(env: Record<string, string>): Promise<INestApplication> {
  const config = loadConfig({ ...process.env, ...env });
  const moduleRef = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), DbModule, HealthModule] }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  app.useGlobalFilters(new ProblemDetailsFilter());
  await app.init();
  return app;
}

describe('/health when a dependency is down', () => {
  it('answers 503 problem+json naming Redis as down and the database as up, without hosts or ports', async () => {
    const port = await closedPort();
    const app = await healthApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
    try {
      const started = Date.now();
      const res = await request(app.getHttpServer()).get('/health');
      expect(Date.now() - started).toBeLessThan(5000);
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({
        type: 'https://cairn.dev/problems/service-unavailable',
        status: 503,
        detail: 'Unavailable: redis is down.',
        instance: '/health',
        info: { database: { status: 'up' } },
        error: { redis: { status: 'down' } },
        details: { database: { status: 'up' }, redis: { status: 'down', message: 'Redis did not answer PING' } },
      });
      expect(JSON.stringify(res.body)).not.toContain(String(port));
    } finally {
      await app.close();
    }
  });

  it('reports the database as down when PostgreSQL refuses the connection', async () => {
    const port = await closedPort();
    const app = await healthApp({ DATABASE_URL: `postgresql://cairn_app:cairn_app@127.0.0.1:${port}/nowhere` });
    try {
      const res = await request(app.getHttpServer()).get('/health');
      expect(res.status).toBe(503);
      expect(res.body.details).toEqual({
        database: { status: 'down', message: 'PostgreSQL did not answer SELECT 1' },
        redis: { status: 'up' },
      });
    } finally {
      await app.close();
    }
  });
});
