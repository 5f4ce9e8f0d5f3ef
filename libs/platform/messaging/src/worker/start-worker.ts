import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HealthCheckService } from '@nestjs/terminus';
import { Logger } from 'nestjs-pino';

import type { AppConfig } from '@cairn/platform/config';
import { DependencyHealth, MetricsRegistry, Readiness } from '@cairn/platform/http';

import { createOpsServer } from './ops-server';
import { WorkerDrain } from './worker-drain';
import { WorkerHostModule, WorkerHostOptions } from './worker-host.module';

export interface RunningWorker {
  app: INestApplicationContext;
  server: Server;
  port: number;
  /** Stops accepting, drains the relay and consumers, closes the Nest context, then waits for the server to close. */
  stop(): Promise<void>;
}

export interface StartWorkerOptions {
  logDestination?: NodeJS.WritableStream;
  /** Address the ops server binds (all interfaces by default, as a container probe needs). */
  host?: string;
  /** What the app composes into the worker: consumers, the handlers they rely on, scheduled jobs (see WorkerHostOptions). */
  consumers?: WorkerHostOptions['consumers'];
}

/** Boots the worker's Nest context and its /health + /metrics server on WORKER_PORT. */
export async function startWorker(config: AppConfig, options: StartWorkerOptions = {}): Promise<RunningWorker> {
  const app = await NestFactory.createApplicationContext(
    WorkerHostModule.register({ config, logDestination: options.logDestination, consumers: options.consumers }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  const server = createOpsServer({
    health: app.get(HealthCheckService),
    dependencies: app.get(DependencyHealth),
    metrics: app.get(MetricsRegistry),
    readiness: app.get(Readiness),
    metricsConfig: config,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.WORKER_PORT, options.host ?? '0.0.0.0', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (e) {
    await app.close(); // e.g. EADDRINUSE: release the pools before reporting
    throw e;
  }
  const port = (server.address() as AddressInfo).port;

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      app.get(Readiness).markDraining();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // Drain first: app.close() destroys modules (database pool, Redis) before its shutdown hooks run.
      await app.get(WorkerDrain).drain();
      await app.close();
      server.closeAllConnections();
      await closed;
    })();
    return stopping;
  };
  return { app, server, port, stop };
}
