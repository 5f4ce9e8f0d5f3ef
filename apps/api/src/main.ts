import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfigOrExit } from '@cairn/platform/config';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

async function bootstrap(): Promise<void> {
  const config = loadConfigOrExit();
  // bodyParser: false — configureApp mounts the only body parser (JSON); Nest's defaults would add a form parser.
  const app = await NestFactory.create(AppModule.register({ config }), { bufferLogs: true, bodyParser: false });
  configureApp(app, config);
  app.enableShutdownHooks();
  await app.listen(config.API_PORT, '0.0.0.0');
  console.log(`Cairn API listening on http://localhost:${config.API_PORT}/api/v1 (OpenAPI: /api/docs)`);
}

void bootstrap();
