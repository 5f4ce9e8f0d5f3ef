import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AuditModule } from '@cairn/platform/audit';

import { GetCaseloadSignalsHandler } from './queries/get-caseload-signals/get-caseload-signals.handler';
import { GetConsentSignalsHandler } from './queries/get-consent-signals/get-consent-signals.handler';
import { GetDocumentationSignalsHandler } from './queries/get-documentation-signals/get-documentation-signals.handler';
import { GetGroupEncounterSignalsHandler } from './queries/get-group-encounter-signals/get-group-encounter-signals.handler';
import { GetPeerSignalsHandler } from './queries/get-peer-signals/get-peer-signals.handler';
import { GetSupervisionSignalsHandler } from './queries/get-supervision-signals/get-supervision-signals.handler';

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
  ],
})
export class ClPerformanceSignalsModule {}
