import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { UseCaseAuditWriter, UseCaseModule } from '@cairn/platform/use-case';

import { AuditExportService } from './audit-export.service';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { AuditCheckpointPublisher } from './checkpoint/audit-checkpoint.publisher';
import { GetAuditSignalsHandler } from './performance-signals/get-audit-signals.handler';
import { PerformanceSignalsRouter, SignalRecordsRouter } from './performance-signals/performance-signals-router';
import { ListAuditEventsHandler } from './queries/list-audit-events/list-audit-events.handler';
import { VerifyAuditChainHandler } from './queries/verify-audit-chain/verify-audit-chain.handler';

/** The audit writer, for any module that audits; also the tenant use-case pipeline's writer. */
@Module({
  imports: [UseCaseModule],
  providers: [AuditService, { provide: UseCaseAuditWriter, useExisting: AuditService }],
  exports: [AuditService, UseCaseAuditWriter, UseCaseModule],
})
export class AuditModule {}

/** The audit log's HTTP API (list, CSV export, chain verification). Import once, in the API. */
@Module({
  imports: [AuditModule],
  controllers: [AuditController],
  providers: [AuditExportService, ListAuditEventsHandler, VerifyAuditChainHandler],
})
export class AuditApiModule {}

/** Signed checkpoints of the chain heads (ADR 0009). Import in the worker, which schedules AuditCheckpointPublisher.publish. */
@Module({ providers: [AuditCheckpointPublisher], exports: [AuditCheckpointPublisher] })
export class AuditCheckpointModule {}

/**
 * The performance signal router (GetPerformanceSignalsQuery and ListSignalRecordsQuery to the owning context's
 * query classes, ADR 0014) and the platform.audit source. Import once per process: the API and the worker.
 */
@Module({
  imports: [CqrsModule, AuditModule],
  providers: [PerformanceSignalsRouter, SignalRecordsRouter, GetAuditSignalsHandler],
})
export class PerformanceSignalsRouterModule {}
