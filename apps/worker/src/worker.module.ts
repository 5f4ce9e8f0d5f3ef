import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { AuditCheckpointModule } from '@cairn/platform/audit';
import { AppConfig, ConfigModule } from '@cairn/platform/config';
import { DbModule } from '@cairn/platform/db';
import { HealthChecksModule, loggerParams, MetricsModule } from '@cairn/platform/http';
import { MessagingModule, MessagingWorkerModule } from '@cairn/platform/messaging';
import { ReferenceDataModule } from '@cairn/platform/reference-data';
import { TenancyModule } from '@cairn/platform/tenancy';
import { AuditCheckpointJob } from './audit-checkpoint/audit-checkpoint.job';
import { OutboxRelay } from './outbox-relay/outbox-relay';
import { WorkerDrain } from './worker-drain';

export interface WorkerModuleOptions {
  config: AppConfig;
  /** Where pino writes (tests capture logs); stdout by default. */
  logDestination?: NodeJS.WritableStream;
  /** Modules holding queue consumers (EventConsumer subclasses), e.g. a context's worker module. */
  consumers?: NonNullable<ModuleMetadata['imports']>;
}

/**
 * The worker process: a Nest application context (no HTTP routes) that hosts the BullMQ consumers, the
 * outbox relay and scheduled jobs. Its /health and /metrics come from a small server of its own (ops-server.ts).
 */
@Module({})
export class WorkerModule {
  static register({ config, logDestination, consumers = [] }: WorkerModuleOptions): DynamicModule {
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
        // Integration events: queues, consumer base dependencies, messaging metrics, Redis eviction check.
        MessagingModule,
        MessagingWorkerModule,
        // What consumers rely on: the tenant context reader, and the code library and jurisdiction handlers.
        TenancyModule,
        ReferenceDataModule,
        // Signed checkpoints of the audit chains' heads, published on a timer (AuditCheckpointJob).
        AuditCheckpointModule,
        // Queue consumers (each closes its BullMQ worker before shutdown, letting running jobs finish).
        ...consumers,
      ],
      providers: [WorkerDrain, AuditCheckpointJob, ...(config.OUTBOX_RELAY_ENABLED === 'true' ? [OutboxRelay] : [])],
      exports: [WorkerDrain],
    };
  }
}
