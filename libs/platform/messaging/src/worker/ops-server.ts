import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { HttpException } from '@nestjs/common';
import type { HealthCheckService } from '@nestjs/terminus';

import type { AppConfig } from '@cairn/platform/config';
import {
  DependencyHealth,
  mapException,
  metricsAccess,
  MetricsRegistry,
  pathOf,
  PROBLEM_CONTENT_TYPE,
  problemType,
  Readiness,
  SHUTTING_DOWN,
} from '@cairn/platform/http';

export interface OpsServerDeps {
  health: HealthCheckService;
  dependencies: DependencyHealth;
  metrics: MetricsRegistry;
  /** Draining (SIGTERM): /health/ready answers 503. */
  readiness?: Readiness;
  /** METRICS_ENABLED / METRICS_TOKEN, as on the API (unset: /metrics is open). */
  metricsConfig?: Pick<AppConfig, 'METRICS_ENABLED' | 'METRICS_TOKEN'>;
}

function problem(
  res: ServerResponse,
  req: IncomingMessage,
  status: number,
  detail: string,
  extensions: Record<string, unknown> = {},
): void {
  const body = { ...problemType(status), status, detail, instance: pathOf(req.url), ...extensions };
  res.writeHead(status, { 'Content-Type': PROBLEM_CONTENT_TYPE, 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
}

/** /health and /health/ready check PostgreSQL and Redis; /health/live only that the process answers. */
const PATHS = new Set(['/health', '/health/live', '/health/ready', '/metrics']);
const NOT_SERVED = 'The worker serves only /health, /health/live, /health/ready and /metrics.';

async function handle(deps: OpsServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = pathOf(req.url);
  if (!PATHS.has(path)) return problem(res, req, 404, NOT_SERVED);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return problem(res, req, 405, 'Use GET.');
  }
  if (path === '/metrics') {
    const access = deps.metricsConfig ? metricsAccess(deps.metricsConfig, req.headers.authorization) : 'ok';
    if (access === 'disabled') return problem(res, req, 404, NOT_SERVED);
    if (access === 'unauthorized') {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      return problem(res, req, 401, '/metrics needs the metrics bearer token.');
    }
    const text = await deps.metrics.text();
    res
      .writeHead(200, { 'Content-Type': deps.metrics.contentType(), 'Cache-Control': 'no-store' })
      .end(req.method === 'HEAD' ? undefined : text);
    return;
  }
  if (path === '/health/live') {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify({ status: 'ok' }));
    return;
  }
  if (path === '/health/ready' && deps.readiness?.draining) return problem(res, req, 503, SHUTTING_DOWN);
  try {
    const result = await deps.health.check(deps.dependencies.indicators());
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(result));
  } catch (e) {
    // Terminus throws a 503 carrying its report; answer it as the API does (problem+json with the report).
    if (!(e instanceof HttpException)) throw e;
    const mapped = mapException(e);
    problem(res, req, mapped.status, mapped.detail, mapped.extensions);
  }
}

/**
 * The worker's only HTTP surface: GET /health and /health/ready (PostgreSQL, Redis; ready is 503 while draining),
 * /health/live (the process answers) and GET /metrics (Prometheus text).
 */
export function createOpsServer(deps: OpsServerDeps): Server {
  const server = createServer((req, res) => {
    handle(deps, req, res).catch(() => {
      if (!res.headersSent) problem(res, req, 500, 'An unexpected error occurred.');
      else res.destroy();
    });
  });
  // Probes and scrapers need no long keep-alive; short idle sockets make draining quick.
  server.keepAliveTimeout = 2_000;
  return server;
}
