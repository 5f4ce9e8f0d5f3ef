import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AssignExistingResourceHandler } from './commands/assign-existing-resource/assign-existing-resource.handler';
import { RecommendLinkResourceHandler } from './commands/recommend-link-resource/recommend-link-resource.handler';
import { WithdrawResourceHandler } from './commands/withdraw-resource/withdraw-resource.handler';
import { ResourcesController } from './http/resources.controller';
import { ResourcesRepository } from './infrastructure/resources.repository';
import { ListResourcesHandler } from './queries/list-resources/list-resources.handler';

/** Resources a therapist recommends to a client: https links and uploaded files. */
@Module({
  imports: [CqrsModule],
  controllers: [ResourcesController],
  providers: [ResourcesRepository, RecommendLinkResourceHandler, AssignExistingResourceHandler, WithdrawResourceHandler, ListResourcesHandler],
})
export class ResourcesModule {}
