import 'reflect-metadata';

import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Writable } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { AppConfig, loadConfig } from '@cairn/platform/config';

import { AppModule } from '../../apps/api/src/app.module';
import { configureApp } from '../../apps/api/src/configure-app';
import { DEFAULT_REDIS_URL } from '../dev/local-redis';
import { DEMO_TEST_TODAY, seedDemoData } from '../seed/seed-demo-data';
import { createScratchDatabase, ScratchDatabase } from './test-db';
import { adminUrlFromEnv } from './test-env';

export interface ScratchApi {
  /** The running API (for supertest), listening at baseUrl. */
  app: INestApplication;
  baseUrl: string;
  port: number;
  /** Its own database: migrated, with the small demo data set; admin, owner and app URLs. */
  db: ScratchDatabase;
  config: AppConfig;
  /** Stops the API and drops the database. */
  close(): Promise<void>;
}

export interface ScratchApiOptions {
  /** Database name prefix (cairn_<what>). */
  prefix: string;
  serverAdminUrl?: string;
  redisUrl?: string;
  /** A Redis logical database of its own (e.g. so thousands of failed logins throttle no other suite). */
  redisDb?: number;
  env?: Record<string, string | undefined>;
  /** Settings over the test defaults. */
  settings?: Record<string, string>;
  logDestination?: Writable;
}

/**
 * The real API (same module graph and configureApp as main.ts) on a scratch database of its own with the demo
 * data, listening on a free port of 127.0.0.1. For suites whose checks must not see (or disturb) other suites'
 * rows and locks in the run's shared database: "nothing was written" over every table, a lock on a whole table.
 */
export async function startScratchApi(opts: ScratchApiOptions): Promise<ScratchApi> {
  const env = opts.env ?? process.env;
  const serverAdminUrl = opts.serverAdminUrl ?? env['TEST_SERVER_ADMIN_URL'] ?? adminUrlFromEnv(env);
  const db = await createScratchDatabase({ prefix: opts.prefix, migrate: true, serverAdminUrl });
  let app: INestApplication | undefined;
  const redis = new URL(opts.redisUrl ?? (env['REDIS_URL'] || DEFAULT_REDIS_URL));
  if (opts.redisDb !== undefined) redis.pathname = `/${opts.redisDb}`;
  try {
    await seedDemoData({ ownerUrl: db.ownerUrl, scale: 'small', seed: 1, today: DEMO_TEST_TODAY });
    const config = loadConfig({
      ...env,
      NODE_ENV: 'test',
      DATABASE_URL: db.appUrl,
      REDIS_URL: redis.toString(),
      QUEUE_PREFIX: `cairn-test-${db.database}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: 'error',
      ...opts.settings,
    });
    app = await NestFactory.create(AppModule.register({ config, logDestination: opts.logDestination }), {
      bufferLogs: true,
      logger: false,
      bodyParser: false,
    });
    configureApp(app, config);
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const started = app;
    return {
      app: started,
      baseUrl: `http://127.0.0.1:${port}`,
      port,
      db,
      config,
      close: async () => {
        await started.close().catch(() => undefined);
        await db.drop();
      },
    };
  } catch (e) {
    await app?.close().catch(() => undefined);
    await db.drop().catch(() => undefined);
    throw e;
  }
}
