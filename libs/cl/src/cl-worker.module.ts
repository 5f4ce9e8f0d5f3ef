import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AuditModule } from '@cairn/platform/audit';

import { GenerateEncountersWhenGroupSessionDocumentedHandler } from './group-encounters/event-handlers/generate-encounters-when-group-session-documented.handler';
import { GroupEncounterGenerationRepository } from './group-encounters/infrastructure/group-encounter-generation.repository';
import { ClPerformanceSignalsModule } from './performance-signals/performance-signals.module';
import { EncounterGenerationProcessor } from './processors/encounter-generation.processor';

/**
 * CL's queue processors and the event handlers they dispatch to, for the worker process (WORKER_MODULES in
 * apps/worker/src/worker.module.ts; a processor in a module the API imports would consume in the API too). The
 * handlers send PM's contract commands (PmContractHandlersModule) and the reference-data queries, which the worker
 * imports beside this module.
 */
@Module({
  imports: [CqrsModule, AuditModule, ClPerformanceSignalsModule],
  providers: [GroupEncounterGenerationRepository, GenerateEncountersWhenGroupSessionDocumentedHandler, EncounterGenerationProcessor],
})
export class ClWorkerModule {}
