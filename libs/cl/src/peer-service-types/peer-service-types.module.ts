import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AuditModule } from '@cairn/platform/audit';

import { CreatePeerServiceTypeHandler } from './commands/create-peer-service-type/create-peer-service-type.handler';
import { SetPeerSettingsHandler } from './commands/set-peer-settings/set-peer-settings.handler';
import { UpdatePeerServiceTypeHandler } from './commands/update-peer-service-type/update-peer-service-type.handler';
import { PeerServiceTypesController, PeerSettingsController } from './http/peer-service-types.controller';
import { GetPeerVocabularyHandler } from './queries/get-peer-vocabulary/get-peer-vocabulary.handler';

/** CL peer recovery vocabulary: the organization's peer service types and peer settings. */
@Module({
  imports: [CqrsModule, AuditModule],
  controllers: [PeerServiceTypesController, PeerSettingsController],
  providers: [CreatePeerServiceTypeHandler, SetPeerSettingsHandler, UpdatePeerServiceTypeHandler, GetPeerVocabularyHandler],
})
export class PeerServiceTypesModule {}
