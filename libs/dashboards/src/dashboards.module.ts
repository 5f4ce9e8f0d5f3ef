import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

/** The dashboards bounded context. Its use cases arrive with their issues (see README.md). */
@Module({ imports: [CqrsModule] })
export class DashboardsModule {}
