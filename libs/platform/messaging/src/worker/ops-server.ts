import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { HttpException } from '@nestjs/common';
import type { HealthCheckService } from '@nestjs/terminus';
import type { AppConfig } from '@cairn/platform/config';
import { DependencyHealth, mapException, metricsAccess, MetricsRegistry, pathOf, PROBLEM_CONTENT_TYPE, problemType } from '@cairn/platform/http';

export interface OpsServerDeps {
  health: HealthCheckService;
  dependencies: DependencyHealth;
  metrics: MetricsRegistry;
  /** METRICS_ENABLED / METRICS_TOKEN, as on the API (unset: /metrics is open). */
  metricsConfig?: Pick<AppConfig, 'METRICS_ENABLED' | 'METRICS_TOKEN'>;
}

function problem(res: ServerResponse, req: IncomingMessage, status: number, detail: string, extensions: Record<string, unknown> = {}): void {
  const body = { ...problemType(status), status, detail, instance: pathOf(req.url), ...extensions };
  res.writeHead(status, { 'Content-Type': PROBLEM_CONTENT_TYPE, 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
}

async function handle(deps: OpsServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = pathOf(req.url);
  if (path !== '/health' && path !== '/metrics') return problem(res, req, 404, 'The worker serves only /health and /metrics.');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD');
    return problem(res, req, 405, 'Use GET.');
  }
  if (path === '/metrics') {
    const access = deps.metricsConfig ? metricsAccess(deps.metricsConfig, req.headers.authorization) : 'ok';
    if (access === 'disabled') return problem(res, req, 404, 'The worker serves only /health and /metrics.');
    if (access === 'unauthorized') {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      return problem(res, req, 401, '/metrics needs the metrics bearer token.');
    }
    const text = await deps.metrics.text();
    res.writeHead(200, { 'Content-Type': deps.metrics.contentType(), 'Cache-Control': 'no-store' }).end(req.method === 'HEAD' ? undefined : text);
    return;
  }
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

/** The worker's only HTTP surface: GET /health (PostgreSQL, Redis) and GET /metrics (Prometheus text). */
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
