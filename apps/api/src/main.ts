import 'reflect-metadata';

import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { loadConfigOrExit } from '@cairn/platform/config';
import { Readiness } from '@cairn/platform/http';

import { AppModule } from './app.module';
import { configureApp } from './configure-app';

/** Longer than any request should take; after it the process gives up and exits 1. */
const SHUTDOWN_TIMEOUT_MS = 25_000;

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  // bodyParser: false — configureApp mounts the only body parser (JSON); Nest's defaults would add a form parser.
  const app = await NestFactory.create(AppModule.register({ config }), { bufferLogs: true, bodyParser: false });
  configureApp(app, config);
  const logger = new Logger('Api');
  await app.listen(config.API_PORT, '0.0.0.0');
  logger.log(
    `Cairn API listening on http://localhost:${config.API_PORT}/api/v1${config.STAFF_WEB_DIR ? ' and serving the staff web at /' : ''}`,
  );

  // Our own signal handling rather than enableShutdownHooks(): Nest's re-raises the signal after closing, so the
  // exit status would say "killed" instead of 0 after a clean stop. /health/ready answers 503 from the first
  // moment; app.close() stops accepting connections, lets the requests in flight finish, then closes the
  // database pool and Redis.
  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      logger.warn(`${signal} again during shutdown: exiting now`);
      process.exit(1);
    }
    shuttingDown = true;
    app.get(Readiness).markDraining();
    logger.log(`${signal}: finishing the requests in flight`);
    setTimeout(() => {
      logger.error(`Shutdown did not finish within ${SHUTDOWN_TIMEOUT_MS / 1000} s: exiting`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    app.close().then(
      () => {
        logger.log('Stopped cleanly');
        process.exit(0);
      },
      (e: unknown) => {
        logger.error({ err: e }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

bootstrap().catch((e: unknown) => {
  console.error('The API failed to start:', e);
  process.exit(1);
});
