import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AuditModule } from '@cairn/platform/audit';

import { CreateChargeWhenPeerEncounterFinalizedHandler } from './charges/event-handlers/create-charge-when-peer-encounter-finalized.handler';
import { CreateChargesWhenGroupEncountersApprovedHandler } from './charges/event-handlers/create-charges-when-group-encounters-approved.handler';
import { ChargesRepository } from './charges/infrastructure/charges.repository';
import { EncountersRepository } from './encounters/infrastructure/encounters.repository';
import { PmPerformanceSignalsModule } from './performance-signals/performance-signals.module';
import { ChargeCreationProcessor } from './processors/charge-creation.processor';

/**
 * PM's queue processors and the event handlers they dispatch to, for the worker only (a processor in a module the
 * API imports would consume in the API too): charge creation (PM-07) on `charge-creation`. Needs the PF-96
 * handlers (ReferenceDataModule), which the worker module imports.
 */
@Module({
  imports: [CqrsModule, AuditModule, PmPerformanceSignalsModule],
  providers: [
    ChargesRepository,
    EncountersRepository,
    CreateChargesWhenGroupEncountersApprovedHandler,
    CreateChargeWhenPeerEncounterFinalizedHandler,
    ChargeCreationProcessor,
  ],
})
export class PmWorkerModule {}
