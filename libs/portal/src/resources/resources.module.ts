import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { FilesModule } from '../files/files.module';
import { AssignExistingResourceHandler } from './commands/assign-existing-resource/assign-existing-resource.handler';
import { RecommendResourceHandler } from './commands/recommend-resource/recommend-resource.handler';
import { WithdrawResourceHandler } from './commands/withdraw-resource/withdraw-resource.handler';
import { ResourcesController } from './http/resources.controller';
import { ListResourcesHandler } from './queries/list-resources/list-resources.handler';

/** Resources a therapist recommends to a client: https links and uploaded files. */
@Module({
  imports: [CqrsModule, FilesModule],
  controllers: [ResourcesController],
  providers: [RecommendResourceHandler, AssignExistingResourceHandler, WithdrawResourceHandler, ListResourcesHandler],
})
export class ResourcesModule {}
