import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AuditModule } from '@cairn/platform/audit';

import { ApproveGroupEncountersHandler } from './commands/approve-group-encounters/approve-group-encounters.handler';
import { EditGroupEncounterCodeHandler } from './commands/edit-group-encounter-code/edit-group-encounter-code.handler';
import { RejectGroupEncountersHandler } from './commands/reject-group-encounters/reject-group-encounters.handler';
import { ReopenGroupEncounterGenerationHandler } from './commands/reopen-group-encounter-generation/reopen-group-encounter-generation.handler';
import { GroupEncounterGenerationsController } from './http/group-encounter-generations.controller';
import { GroupEncounterGenerationRepository } from './infrastructure/group-encounter-generation.repository';
import { GetGroupEncounterGenerationHandler } from './queries/get-group-encounter-generation/get-group-encounter-generation.handler';
import { ListConsentWorklistHandler } from './queries/list-consent-worklist/list-consent-worklist.handler';
import { ListGroupEncounterGenerationsHandler } from './queries/list-group-encounter-generations/list-group-encounter-generations.handler';

/** CL's batch review of generated group encounters (list, approve, reject, edit code). The generation itself is a worker event handler (ClWorkerModule). */
@Module({
  imports: [CqrsModule, AuditModule],
  controllers: [GroupEncounterGenerationsController],
  providers: [
    ListConsentWorklistHandler,
    GetGroupEncounterGenerationHandler,
    ApproveGroupEncountersHandler,
    EditGroupEncounterCodeHandler,
    RejectGroupEncountersHandler,
    ReopenGroupEncounterGenerationHandler,
    GroupEncounterGenerationRepository,
    ListGroupEncounterGenerationsHandler,
  ],
})
export class GroupEncountersModule {}
