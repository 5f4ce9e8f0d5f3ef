import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { DashboardChangesGateway } from '../refresh/infrastructure/dashboard-changes.gateway';
import { DashboardStreamController } from './http/dashboard-stream.controller';
import { StreamTicketMiddleware } from './http/stream-ticket.service';
import { StreamTicketsGateway } from './infrastructure/stream-tickets.gateway';
import { OpenDashboardStreamHandler } from './queries/open-dashboard-stream/open-dashboard-stream.handler';

/** The SSE change stream of the API (ADR 0017): tickets, the stream and its subscription to Redis. */
@Module({
  imports: [CqrsModule],
  controllers: [DashboardStreamController],
  providers: [DashboardChangesGateway, StreamTicketsGateway, StreamTicketMiddleware, OpenDashboardStreamHandler],
})
export class StreamModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(StreamTicketMiddleware).forRoutes(DashboardStreamController);
  }
}
