import { Module } from '@nestjs/common';

import { ConsentsModule } from './consents/consents.module';
import { GroupEncountersModule } from './group-encounters/group-encounters.module';
import { GroupSessionsModule } from './group-sessions/group-sessions.module';
import { PatientsModule } from './patients/patients.module';
import { PeerEncountersModule } from './peer-encounters/peer-encounters.module';
import { PeerServiceTypesModule } from './peer-service-types/peer-service-types.module';
import { PeerSupervisionModule } from './peer-supervision/peer-supervision.module';
import { ClPerformanceSignalsModule } from './performance-signals/performance-signals.module';
import { ProgressNotesModule } from './progress-notes/progress-notes.module';

/**
 * The clinical record context (CL) in the API, one module per feature: patients, charts and care teams; Part 2
 * consents; progress notes; groups and group sessions; the batch review of generated group encounters; peer
 * recovery (peer encounters, their service types, peer supervision; CL-19). Features talk to each other on the
 * buses only (e.g. chart encounters ask ConsentsModule's CheckSudConsentQuery).
 */
@Module({
  imports: [
    PatientsModule,
    ConsentsModule,
    ProgressNotesModule,
    GroupSessionsModule,
    GroupEncountersModule,
    PeerEncountersModule,
    PeerServiceTypesModule,
    PeerSupervisionModule,
    ClPerformanceSignalsModule,
  ],
})
export class ClModule {}
