import 'reflect-metadata';

import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

import { AppConfig, loadConfigOrExit } from '@cairn/platform/config';
import { processesArgument, Readiness, runProcessGroup, stopOnSignals } from '@cairn/platform/http';

import { AppModule } from './app.module';
import { configureApp } from './configure-app';

async function bootstrap(config: AppConfig): Promise<void> {
  // bodyParser: false — configureApp mounts the only body parser (JSON); Nest's defaults would add a form parser.
  const app = await NestFactory.create(AppModule.register({ config }), { bufferLogs: true, bodyParser: false });
  configureApp(app, config);
  const logger = new Logger('Api');
  await app.listen(config.API_PORT, '0.0.0.0');
  logger.log(
    `Cairn API listening on http://localhost:${config.API_PORT}/api/v1${config.STAFF_WEB_DIR ? ' and serving the staff web at /' : ''}` +
      (config.PORTAL_WEB_DIR ? `, the client portal at http://${config.PORTAL_WEB_HOST}:${config.API_PORT}/` : ''),
  );

  // On SIGTERM /health/ready answers 503 from the first moment; app.close() stops accepting connections, lets the
  // requests in flight finish, then closes the database pool and Redis.
  stopOnSignals({
    logger,
    stopping: 'finishing the requests in flight',
    stop: () => {
      app.get(Readiness).markDraining();
      return app.close();
    },
  });
}

const config = loadConfigOrExit();
const { processes, error } = processesArgument(process.argv.slice(2));
if (error) {
  console.error(error);
  process.exit(2);
}
// `--processes N` (or API_PROCESSES): N API processes sharing API_PORT, supervised by this one (docs/operations/scaling.md).
runProcessGroup({
  processes: processes ?? config.API_PROCESSES,
  name: 'API',
  logger: new Logger('Api'),
  start: () =>
    bootstrap(config).catch((e: unknown) => {
      console.error('The API failed to start:', e);
      process.exit(1);
    }),
});
