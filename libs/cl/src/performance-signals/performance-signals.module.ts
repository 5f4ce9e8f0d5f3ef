import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AuditModule } from '@cairn/platform/audit';

import { GetCaseloadSignalsHandler } from './queries/get-caseload-signals/get-caseload-signals.handler';
import { GetConsentSignalsHandler } from './queries/get-consent-signals/get-consent-signals.handler';
import { GetDocumentationSignalsHandler } from './queries/get-documentation-signals/get-documentation-signals.handler';
import { GetGroupEncounterSignalsHandler } from './queries/get-group-encounter-signals/get-group-encounter-signals.handler';
import { GetPeerSignalsHandler } from './queries/get-peer-signals/get-peer-signals.handler';
import { GetSupervisionSignalsHandler } from './queries/get-supervision-signals/get-supervision-signals.handler';
import { ListConsentSignalRecordsHandler } from './queries/list-consent-signal-records/list-consent-signal-records.handler';
import { ListGroupEncounterSignalRecordsHandler } from './queries/list-group-encounter-signal-records/list-group-encounter-signal-records.handler';
import { ListNoteSignalRecordsHandler } from './queries/list-note-signal-records/list-note-signal-records.handler';
import { ListPeerEncounterSignalRecordsHandler } from './queries/list-peer-encounter-signal-records/list-peer-encounter-signal-records.handler';

/**
 * CL's performance signal sources (@cairn/platform/performance-signals) and their drill-through. Imported by
 * ClModule (API) and ClWorkerModule (the worker recomputes dashboards).
 */
@Module({
  imports: [CqrsModule, AuditModule],
  providers: [
    GetDocumentationSignalsHandler,
    GetGroupEncounterSignalsHandler,
    GetPeerSignalsHandler,
    GetCaseloadSignalsHandler,
    GetConsentSignalsHandler,
    GetSupervisionSignalsHandler,
    ListNoteSignalRecordsHandler,
    ListGroupEncounterSignalRecordsHandler,
    ListPeerEncounterSignalRecordsHandler,
    ListConsentSignalRecordsHandler,
  ],
})
export class ClPerformanceSignalsModule {}
