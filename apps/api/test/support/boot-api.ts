import { Writable } from 'node:stream';
import type { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';

import { clearLoginCounters } from '@cairn/testing';

import { AppModule } from '../../src/app.module';
import { buildOpenApiDocument, configureApp } from '../../src/configure-app';
import { checkResponsesAgainst, ResponseContract } from './response-contract';
import { testConfig } from './test-config';

/** Everything the API logged while a test ran (for the PHI-in-logs checks). */
export class LogCapture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: string, done: () => void): void {
    this.lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  }
  get text(): string {
    return this.lines.join('\n');
  }
}

export interface BootExtras {
  /** Test-only controllers mounted beside the real ones (under the same prefix, versioning, pipe and filter). */
  controllers?: Type<unknown>[];
}

/**
 * The real API (same module graph and set-up as main.ts) against this run's database and Redis, with
 * environment overrides for the test (e.g. a lower login throttle).
 */
export async function bootApi(
  overrides: Record<string, string> = {},
  logs?: LogCapture,
  extra: BootExtras = {},
): Promise<INestApplication> {
  const config = testConfig({ LOG_LEVEL: logs ? 'info' : 'silent', ...overrides });
  const moduleRef = await Test.createTestingModule({
    imports: [AppModule.register({ config, logDestination: logs })],
    controllers: extra.controllers ?? [],
  }).compile();
  const app = moduleRef.createNestApplication({ bufferLogs: true, bodyParser: false }); // as main.ts
  configureApp(app, config);
  await app.init();
  // Every response a test receives is checked against the document the API publishes (test-only controllers included).
  checkResponsesAgainst(app.getHttpServer(), new ResponseContract(buildOpenApiDocument(app) as never));
  return app;
}

/** Clears this run's failed-login counters so one test's failures do not throttle the next. */
export async function redisFlushLoginCounters(): Promise<void> {
  const { REDIS_URL, QUEUE_PREFIX } = testConfig();
  await clearLoginCounters(REDIS_URL, QUEUE_PREFIX);
}
