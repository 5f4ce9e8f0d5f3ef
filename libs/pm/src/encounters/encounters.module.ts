import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AuditModule } from '@cairn/platform/audit';

import { CreateGroupEncountersHandler } from './commands/create-group-encounters/create-group-encounters.handler';
import { CreatePeerEncounterHandler } from './commands/create-peer-encounter/create-peer-encounter.handler';
import { EncountersRepository } from './infrastructure/encounters.repository';
import { ListPatientEncountersHandler } from './queries/list-patient-encounters/list-patient-encounters.handler';

/** PM encounters: the scheduling contract's commands and queries (create group and peer encounters, list a patient's encounters), with no routes; the worker imports it so CL's generation can send them. */
@Module({
  imports: [CqrsModule, AuditModule],
  providers: [CreateGroupEncountersHandler, CreatePeerEncounterHandler, EncountersRepository, ListPatientEncountersHandler],
})
export class EncountersModule {}
