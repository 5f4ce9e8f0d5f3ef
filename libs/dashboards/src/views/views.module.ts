import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { SaveLayoutHandler } from './commands/save-layout/save-layout.handler';
import { DashboardsController } from './http/dashboards.controller';
import { GetDashboardHandler } from './queries/get-dashboard/get-dashboard.handler';

/** Role-bound views rendered from the value store, with their dashboard audit events. */
@Module({ imports: [CqrsModule], controllers: [DashboardsController], providers: [GetDashboardHandler, SaveLayoutHandler] })
export class ViewsModule {}
