import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadConfig } from '@cairn/platform/config';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    console.error(e instanceof ConfigError ? e.message : e);
    process.exit(2);
  }
  const app = await NestFactory.create(AppModule.register({ config }), { bufferLogs: true });
  configureApp(app, config);
  app.enableShutdownHooks();
  await app.listen(config.API_PORT, '0.0.0.0');
  console.log(`Cairn API listening on http://localhost:${config.API_PORT}/api/v1 (OpenAPI: /api/docs)`);
}

void bootstrap();
