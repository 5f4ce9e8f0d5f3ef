import { INestApplication, RequestMethod, VersioningType } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';

import { apiDocsEnabled, AppConfig } from '@cairn/platform/config';
import { clsMiddleware } from '@cairn/platform/db';
import {
  bodyParserErrorMiddleware,
  createValidationPipe,
  documentProblemBodies,
  hostileInputMiddleware,
  HostileParamPipe,
  HttpMetrics,
  JSON_MEDIA_TYPE,
  metricsAccessMiddleware,
  ProblemDetailsDto,
  ProblemDetailsFilter,
  requestIdMiddleware,
  requireJsonBody,
  verifyJsonDepth,
} from '@cairn/platform/http';

import { webAppMiddleware } from './web-app';

const BODY_LIMIT = '1mb';
const DOCS_PATH = '/api/docs';

/**
 * Security headers (helmet). The API answers JSON, so its CSP allows nothing; Swagger UI under /api/docs gets
 * helmet's default policy (its own scripts and styles, no inline script). Cross-Origin-Resource-Policy
 * same-origin everywhere. HSTS only on requests that came over TLS (directly, or per X-Forwarded-Proto
 * behind TRUST_PROXY): over plain HTTP it would be ignored, and on localhost it would pin the browser to https.
 */
function securityHeaders(): (req: Request, res: Response, next: NextFunction) => void {
  const common = {
    xFrameOptions: { action: 'deny' as const },
    strictTransportSecurity: false,
    referrerPolicy: { policy: 'no-referrer' as const },
  };
  const api = helmet({
    ...common,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
    },
  });
  const docs = helmet(common);
  const hsts = helmet.strictTransportSecurity({ maxAge: 31_536_000, includeSubDomains: true });
  return (req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    const headers = req.path === DOCS_PATH || req.path.startsWith(`${DOCS_PATH}/`) ? docs : api;
    headers(req, res, (err?: unknown) => (err || !req.secure ? next(err) : hsts(req, res, next)));
  };
}

/**
 * Everything main.ts sets up beyond the module graph, shared with the API tests so they exercise the real
 * thing: /api prefix with URI versioning (/api/v1/...), validation, problem+json errors, request ids, metrics,
 * security headers, OpenAPI at /api/docs and /api/docs-json (unless API_DOCS_ENABLED turns it off).
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
  // The web apps' built bundles, when this API serves them, with their own cache and CSP headers: the client
  // portal (PORTAL_WEB_DIR) to requests for its host name only, the staff web (STAFF_WEB_DIR) to every other host.
  // A portal host never gets the staff web: a client who types another path still lands in the portal.
  const staffWeb = config.STAFF_WEB_DIR
    ? webAppMiddleware({ dir: config.STAFF_WEB_DIR, apiUrl: config.STAFF_WEB_API_URL, setting: 'STAFF_WEB_DIR', app: 'staff-web' })
    : undefined;
  const portalWeb = config.PORTAL_WEB_DIR
    ? webAppMiddleware({ dir: config.PORTAL_WEB_DIR, setting: 'PORTAL_WEB_DIR', app: 'portal-web' })
    : undefined;
  if (portalWeb || staffWeb)
    app.use((req: Request, res: Response, next: NextFunction) => {
      const web = portalWeb && req.hostname === config.PORTAL_WEB_HOST ? portalWeb : staffWeb;
      if (web) web(req, res, next);
      else next();
    });
  app.use(app.get(HttpMetrics).middleware);
  app.use(clsMiddleware());
  app.use(securityHeaders());
  app.use(metricsAccessMiddleware(config));
  // Bodies: JSON only (anything else is 415, no form parser), nested at most MAX_JSON_DEPTH deep (checked on
  // the raw bytes, before anything recursive walks it), then no U+0000, lone surrogate or prototype key in the
  // body or the query string (hostile-input.ts): hostile input stops here, before guards, audit and handlers.
  app.use(requireJsonBody);
  express.useBodyParser('json', { limit: BODY_LIMIT, type: JSON_MEDIA_TYPE, verify: verifyJsonDepth });
  app.use(bodyParserErrorMiddleware);
  app.use(hostileInputMiddleware);

  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health', method: RequestMethod.GET },
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      { path: 'metrics', method: RequestMethod.GET },
    ],
  });
  app.enableVersioning({ type: VersioningType.URI, defaultVersion: '1' });
  app.useGlobalPipes(new HostileParamPipe(), createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());

  if (apiDocsEnabled(config)) {
    const document = buildOpenApiDocument(app);
    SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json', useGlobalPrefix: false });
  }
}

/**
 * The OpenAPI document of the API's routes. Also used without a database or Redis (Nest's preview mode) by
 * `npm run api-client:generate`, so it must need nothing but the module graph and the prefix and versioning.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  return documentProblemBodies(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Cairn API')
        .setDescription(
          'Cairn, an open-source platform for behavioral-health practices. Sign in with POST /api/v1/auth/login and send the ' +
            'access token as a bearer token. A member of several organizations names the one a request acts in with ' +
            'X-Organization-Id. Each operation states its permission key (x-permission). Errors are RFC 9457 ' +
            'application/problem+json (validation failures list each field in errors[]); every response carries ' +
            'X-Request-Id (send your own to correlate). Lists take page and pageSize and answer { items, page, pageSize, total }. ' +
            'Client portal routes (x-permission portal-client) take a portal access token from POST /api/v1/portal/auth/login ' +
            '(security scheme "portal"): staff tokens are refused there, and portal tokens everywhere else.',
        )
        .setVersion('1')
        .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
        .addBearerAuth(
          { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A portal client access token (audience cairn-portal)' },
          'portal',
        )
        .build(),
      { extraModels: [ProblemDetailsDto] },
    ),
  );
}
