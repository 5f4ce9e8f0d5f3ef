import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AuditModule } from '@cairn/platform/audit';
import { GenerateEncountersWhenGroupSessionDocumentedHandler } from './group-encounters/event-handlers/generate-encounters-when-group-session-documented.handler';
import { GroupEncounterGenerationRepository } from './group-encounters/infrastructure/group-encounter-generation.repository';

/**
 * CL's queue consumers, for the worker process (WORKER_MODULES in apps/worker/src/worker.module.ts). They send PM's contract commands
 * (PmContractHandlersModule) and the reference-data queries, which the worker imports beside this module.
 */
@Module({
  imports: [CqrsModule, AuditModule],
  providers: [GroupEncounterGenerationRepository, GenerateEncountersWhenGroupSessionDocumentedHandler],
})
export class ClWorkerModule {}
