import { Module } from '@nestjs/common';

import { ClWorkerModule } from '@cairn/cl';
import { DashboardsWorkerModule } from '@cairn/dashboards';
import { AuditCheckpointModule, PerformanceSignalsRouterModule } from '@cairn/platform/audit';
import { ReferenceDataModule } from '@cairn/platform/reference-data';
import { PmContractHandlersModule, PmWorkerModule } from '@cairn/pm';
import { PortalEngagementSignalsModule, PortalWorkerModule } from '@cairn/portal';

import { AuditCheckpointJob } from './audit-checkpoint/audit-checkpoint.job';

/**
 * What this deployment adds to the worker host of platform/messaging (WorkerHostModule: plumbing, queues,
 * outbox relay, drain): the code library and jurisdiction handlers consumers query, and the signed audit
 * checkpoints published on a timer (AuditCheckpointJob, ADR 0009), and the performance signal router (ADR 0014)
 * through which dashboards' recompute asks the contexts' signal sources.
 */
@Module({ imports: [ReferenceDataModule, AuditCheckpointModule, PerformanceSignalsRouterModule], providers: [AuditCheckpointJob] })
export class WorkerModule {}

/** Everything the worker process composes: the module above, the bounded contexts' consumer modules and the contract handlers their consumers send commands to, and the portal's engagement signal source. */
export const WORKER_MODULES = [
  WorkerModule,
  PmContractHandlersModule,
  ClWorkerModule,
  PmWorkerModule,
  DashboardsWorkerModule,
  PortalWorkerModule,
  PortalEngagementSignalsModule,
];
