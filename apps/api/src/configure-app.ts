import { INestApplication, RequestMethod, VersioningType } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '@cairn/platform/config';
import { clsMiddleware } from '@cairn/platform/db';
import {
  bodyParserErrorMiddleware, createValidationPipe, HttpMetrics, ProblemDetailsDto, ProblemDetailsFilter, requestIdMiddleware,
} from '@cairn/platform/http';

const BODY_LIMIT = '1mb';

/** Cheap headers for a JSON API (no CSP: Swagger UI at /api/docs needs its inline scripts). */
function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
  next();
}

/**
 * Everything main.ts sets up beyond the module graph, shared with the API tests so they exercise the real
 * thing: /api prefix with URI versioning (/api/v1/...), validation, problem+json errors, request ids, metrics,
 * OpenAPI at /api/docs and /api/docs-json.
 */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.useLogger(app.get(Logger));
  express.disable('x-powered-by');
  express.set('trust proxy', config.TRUST_PROXY === 'true');

  // Express middleware, in order, ahead of routing (so /health, /metrics and 404s get them too): the request
  // id first (everything after logs and reports it), the latency timer, the request store, then the body
  // parsers, whose errors become problem+json without echoing the body.
  app.use(requestIdMiddleware);
  app.use(app.get(HttpMetrics).middleware);
  app.use(clsMiddleware());
  app.use(securityHeaders);
  express.useBodyParser('json', { limit: BODY_LIMIT });
  express.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.use(bodyParserErrorMiddleware);

  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
}

/**
 * The OpenAPI document of the API's routes. Also used without a database or Redis (Nest's preview mode) by
 * `npm run api-client:generate`, so it must need nothing but the module graph and the prefix and versioning.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Cairn API')
      .setDescription(
        'Cairn, an open-source platform for behavioral-health practices. Sign in with POST /api/v1/auth/login and send the ' +
          'access token as a bearer token. A member of several organizations names the one a request acts in with ' +
          'X-Organization-Id. Each operation states its permission key (x-permission). Errors are RFC 9457 ' +
          'application/problem+json (validation failures list each field in errors[]); every response carries ' +
          'X-Request-Id (send your own to correlate). Lists take page and pageSize and answer { items, page, pageSize, total }.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
      .build(),
    { extraModels: [ProblemDetailsDto] },
  );
}
