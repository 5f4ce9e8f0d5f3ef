import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AuditModule } from '@cairn/platform/audit';

import { AddPeerEncounterAddendumHandler } from './commands/add-peer-encounter-addendum/add-peer-encounter-addendum.handler';
import { CreatePeerEncounterDraftHandler } from './commands/create-peer-encounter-draft/create-peer-encounter-draft.handler';
import { EditPeerEncounterHandler } from './commands/edit-peer-encounter/edit-peer-encounter.handler';
import { FinalizePeerEncounterHandler } from './commands/finalize-peer-encounter/finalize-peer-encounter.handler';
import { PatientPeerEncountersController, PeerEncountersController } from './http/peer-encounters.controller';
import { GetPeerEncounterChargeHandler } from './queries/get-peer-encounter-charge/get-peer-encounter-charge.handler';
import { GetPeerEncounterHandler } from './queries/get-peer-encounter/get-peer-encounter.handler';
import { ListPatientPeerEncountersHandler } from './queries/list-patient-peer-encounters/list-patient-peer-encounters.handler';

/** CL peer recovery support encounters (CL-19): drafts, edits, finalization (publishes peer_encounter_finalized.v1), addenda. */
@Module({
  imports: [CqrsModule, AuditModule],
  controllers: [PeerEncountersController, PatientPeerEncountersController],
  providers: [
    AddPeerEncounterAddendumHandler,
    CreatePeerEncounterDraftHandler,
    EditPeerEncounterHandler,
    FinalizePeerEncounterHandler,
    GetPeerEncounterHandler,
    GetPeerEncounterChargeHandler,
    ListPatientPeerEncountersHandler,
  ],
})
export class PeerEncountersModule {}
