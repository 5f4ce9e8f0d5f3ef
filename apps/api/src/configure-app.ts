import { INestApplication, RequestMethod, VersioningType } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@cairn/platform/config';
import { clsMiddleware } from '@cairn/platform/db';
import { createValidationPipe, ProblemDetailsDto, ProblemDetailsFilter, requestIdMiddleware } from '@cairn/platform/http';

/**
 * Everything main.ts sets up beyond the module graph, shared with the API tests so they exercise the real
 * thing: /api prefix with URI versioning (/api/v1/...), validation, problem+json errors, request ids, OpenAPI.
 */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.useLogger(app.get(Logger));
  express.disable('x-powered-by');
  express.set('trust proxy', config.TRUST_PROXY === 'true');
  express.useBodyParser('json', { limit: '1mb' });
  app.use(requestIdMiddleware);
  app.use(clsMiddleware());
  app.use((_req: unknown, res: { setHeader(k: string, v: string): void }, next: () => void) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Cairn API')
      .setDescription(
        'Cairn, an open-source platform for behavioral-health practices. Sign in with POST /api/v1/auth/login and send the ' +
          'access token as a bearer token. A member of several organizations names the one a request acts in with ' +
          'X-Organization-Id. Each operation states its permission key (x-permission). Errors are RFC 9457 problem+json.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
    { extraModels: [ProblemDetailsDto] },
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
}
