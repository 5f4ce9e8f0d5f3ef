import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule } from '@cairn/platform/config';
import { DbModule } from '@cairn/platform/db';
import { HealthChecksModule, loggerParams, MetricsModule } from '@cairn/platform/http';
import { WorkerDrain } from './worker-drain';

export interface WorkerModuleOptions {
  config: AppConfig;
  /** Where pino writes (tests capture logs); stdout by default. */
  logDestination?: NodeJS.WritableStream;
}

/**
 * The worker process: a Nest application context (no HTTP routes) that will host the BullMQ processors, the
 * outbox relay and scheduled jobs. Its /health and /metrics come from a small server of its own (ops-server.ts).
 */
@Module({})
export class WorkerModule {
  static register({ config, logDestination }: WorkerModuleOptions): DynamicModule {
    return {
      module: WorkerModule,
      imports: [
        // Platform plumbing: configuration, logs, database and request store, buses, health checks, metrics.
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config, logDestination, 'cairn-worker')),
        DbModule,
        CqrsModule.forRoot(),
        HealthChecksModule,
        MetricsModule,
        // Queue processors and the outbox relay join here; each registers its closer with WorkerDrain.
      ],
      providers: [WorkerDrain],
      exports: [WorkerDrain],
    };
  }
}
