import { timingSafeEqual } from 'node:crypto';
import { Controller, Get, Header, Injectable, Module, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';

import type { AppConfig } from '@cairn/platform/config';
import { NotFoundError, UnauthorizedError } from '@cairn/platform/kernel';
import { Public } from '@cairn/platform/tenancy';

/**
 * The process's Prometheus registry with the default process metrics (CPU, memory, event loop, GC). One per
 * app instance rather than prom-client's global one, so tests can boot several apps in one process. Other
 * modules inject it and register their own metrics (e.g. queue depths in the worker).
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}

export const UNMATCHED_ROUTE = 'unmatched';

/** Latency of every HTTP request, labelled by route template and status. */
@Injectable()
export class HttpMetrics {
  readonly duration: Histogram<'method' | 'route' | 'status_code'>;

  constructor(metrics: MetricsRegistry) {
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by method, matched route template and status code',
      labelNames: ['method', 'route', 'status_code'] as const,
      buckets: [0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [metrics.registry],
    });
  }

  /**
   * Express middleware, mounted before routing so it also times 404s and body-parser failures. The route
   * label is the template the router matched (`/api/v1/patients/:id`), never the raw URL: ids would make one
   * series per patient and put identifiers into metrics.
   */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const end = this.duration.startTimer();
    res.once('finish', () => {
      const template = req.route?.path;
      const route = typeof template === 'string' ? `${req.baseUrl ?? ''}${template}` : UNMATCHED_ROUTE;
      end({ method: req.method, route, status_code: String(res.statusCode) });
    });
    next();
  };
}

/**
 * Whether a request may read /metrics under METRICS_ENABLED and METRICS_TOKEN: `ok`, `disabled` (answer 404, as
 * if there were no such route) or `unauthorized` (401: the bearer token is missing or wrong). Shared by the
 * API and the worker's ops server.
 */
export function metricsAccess(
  config: Pick<AppConfig, 'METRICS_ENABLED' | 'METRICS_TOKEN'>,
  authorization: string | undefined,
): 'ok' | 'disabled' | 'unauthorized' {
  if (config.METRICS_ENABLED === 'false') return 'disabled';
  if (!config.METRICS_TOKEN) return 'ok';
  const presented = Buffer.from(/^Bearer (.+)$/.exec(authorization ?? '')?.[1] ?? '');
  const expected = Buffer.from(config.METRICS_TOKEN);
  return presented.length === expected.length && timingSafeEqual(presented, expected) ? 'ok' : 'unauthorized';
}

/** Express middleware for the API, ahead of routing: applies `metricsAccess` to GET /metrics. */
export function metricsAccessMiddleware(config: Pick<AppConfig, 'METRICS_ENABLED' | 'METRICS_TOKEN'>) {
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.path !== '/metrics') return next();
    const access = metricsAccess(config, req.headers.authorization);
    if (access === 'disabled') return next(new NotFoundError('No route matches this method and path.'));
    if (access === 'unauthorized') {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      return next(new UnauthorizedError('/metrics needs the metrics bearer token.'));
    }
    next();
  };
}

@ApiExcludeController()
@Controller({ path: 'metrics', version: VERSION_NEUTRAL })
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  /** Prometheus text exposition. Public to the staff sign-in; METRICS_ENABLED/METRICS_TOKEN restrict it (configureApp). */
  @Get()
  @Public()
  @Header('Cache-Control', 'no-store')
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  metricsText(): Promise<string> {
    return this.metrics.text();
  }
}

/** The registry alone (the worker serves it from its own small HTTP server). */
@Module({ providers: [MetricsRegistry], exports: [MetricsRegistry] })
export class MetricsModule {}

/**
 * The API's metrics: the registry, the request histogram and GET /metrics. The app mounts
 * `app.get(HttpMetrics).middleware` itself (configureApp), ahead of routing and outside the /api prefix.
 */
@Module({ imports: [MetricsModule], providers: [HttpMetrics], controllers: [MetricsController], exports: [MetricsModule, HttpMetrics] })
export class HttpMetricsModule {}
