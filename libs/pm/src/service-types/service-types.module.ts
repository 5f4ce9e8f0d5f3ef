import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AuditModule } from '@cairn/platform/audit';

import { SetServiceTypeCategoryHandler } from './commands/set-service-type-category/set-service-type-category.handler';
import { ServiceTypesController } from './http/service-types.controller';
import { ListServiceTypesHandler } from './queries/list-service-types/list-service-types.handler';

/** PM service types and their categories. */
@Module({
  imports: [CqrsModule, AuditModule],
  controllers: [ServiceTypesController],
  providers: [SetServiceTypeCategoryHandler, ListServiceTypesHandler],
})
export class ServiceTypesModule {}
