import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AuditModule } from '@cairn/platform/audit';

import { EditPeerSupervisionHandler } from './commands/edit-peer-supervision/edit-peer-supervision.handler';
import { RecordPeerSupervisionHandler } from './commands/record-peer-supervision/record-peer-supervision.handler';
import { PeerSupervisionController } from './http/peer-supervision.controller';
import { GetPeerSupervisionReportHandler } from './queries/get-peer-supervision-report/get-peer-supervision-report.handler';
import { GetPeerSupervisionHandler } from './queries/get-peer-supervision/get-peer-supervision.handler';
import { ListPeerSupervisionHandler } from './queries/list-peer-supervision/list-peer-supervision.handler';

/** CL peer supervision: supervision records and the supervision hours report. */
@Module({
  imports: [CqrsModule, AuditModule],
  controllers: [PeerSupervisionController],
  providers: [
    EditPeerSupervisionHandler,
    RecordPeerSupervisionHandler,
    GetPeerSupervisionReportHandler,
    GetPeerSupervisionHandler,
    ListPeerSupervisionHandler,
  ],
})
export class PeerSupervisionModule {}
