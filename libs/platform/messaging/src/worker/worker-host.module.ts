import { DynamicModule, Global, Module, ModuleMetadata } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';

import { AppConfig, ConfigModule } from '@cairn/platform/config';
import { DbModule } from '@cairn/platform/db';
import { HealthChecksModule, loggerParams, MetricsModule } from '@cairn/platform/http';
import { TenancyModule } from '@cairn/platform/tenancy';

import { MessagingModule, MessagingWorkerModule } from '../messaging.module';
import { OutboxRelay } from '../relay/outbox-relay';
import { WorkerDrain } from './worker-drain';

export interface WorkerHostOptions {
  config: AppConfig;
  /** Where pino writes (tests capture logs); stdout by default. */
  logDestination?: NodeJS.WritableStream;
  /**
   * What the app composes into the worker: modules holding queue consumers (EventConsumer subclasses, e.g. a
   * context's worker module), the handlers those consumers send queries and commands to, scheduled jobs.
   */
  consumers?: NonNullable<ModuleMetadata['imports']>;
}

/**
 * The outbox relay (when OUTBOX_RELAY_ENABLED) and the drain that stops it and every consumer. Global, so a
 * scheduled job of an imported module can register its own closer with WorkerDrain.
 */
@Global()
@Module({})
class WorkerRuntimeModule {
  static register(relay: boolean): DynamicModule {
    return { module: WorkerRuntimeModule, providers: [WorkerDrain, ...(relay ? [OutboxRelay] : [])], exports: [WorkerDrain] };
  }
}

/**
 * The worker process: a Nest application context (no HTTP routes) that hosts the BullMQ consumers, the
 * outbox relay and scheduled jobs. Its /health and /metrics come from a small server of its own (ops-server.ts).
 * apps/worker only says what to compose into it (`consumers`).
 */
@Module({})
export class WorkerHostModule {
  static register({ config, logDestination, consumers = [] }: WorkerHostOptions): DynamicModule {
    return {
      module: WorkerHostModule,
      imports: [
        // Platform plumbing: configuration, logs, database and request store, buses, health checks, metrics.
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config, logDestination, 'cairn-worker')),
        DbModule,
        CqrsModule.forRoot(),
        HealthChecksModule,
        MetricsModule,
        // Integration events: queues, consumer base dependencies, messaging metrics, Redis eviction check.
        MessagingModule,
        MessagingWorkerModule,
        // The tenant context reader consumers rely on.
        TenancyModule,
        // The relay and the drain.
        WorkerRuntimeModule.register(config.OUTBOX_RELAY_ENABLED === 'true'),
        // What the app composes: queue consumers (each closes its BullMQ worker before shutdown, letting
        // running jobs finish), the handlers they rely on, scheduled jobs.
        ...consumers,
      ],
    };
  }
}
