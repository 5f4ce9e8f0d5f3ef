import { Module } from '@nestjs/common';

import { UseCaseAuditWriter, UseCaseModule } from '@cairn/platform/use-case';

import { AuditExportService } from './audit-export.service';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';
import { AuditCheckpointPublisher } from './checkpoint/audit-checkpoint.publisher';
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
