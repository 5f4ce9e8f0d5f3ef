import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';

import { ClModule } from '@cairn/cl';
import { DashboardsModule } from '@cairn/dashboards';
import { HrModule } from '@cairn/hr';
import { AccessModule } from '@cairn/platform/access';
import { AuditApiModule, PerformanceSignalsRouterModule } from '@cairn/platform/audit';
import { AppConfig, ConfigModule } from '@cairn/platform/config';
import { DbModule } from '@cairn/platform/db';
import { HealthModule, HttpMetricsModule, loggerParams } from '@cairn/platform/http';
import { MessagingAdminModule, MessagingModule } from '@cairn/platform/messaging';
import { ReferenceDataApiModule } from '@cairn/platform/reference-data';
import { TenancyModule } from '@cairn/platform/tenancy';
import { PmModule } from '@cairn/pm';
import { PortalModule } from '@cairn/portal';

export interface ApiModuleOptions {
  config: AppConfig;
  /** Where pino writes (tests capture logs); stdout by default. */
  logDestination?: NodeJS.WritableStream;
}

/** The API composes the platform and every bounded context's module; contexts never import each other. */
@Module({})
export class AppModule {
  static register({ config, logDestination }: ApiModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        // Platform plumbing: configuration, logs, database and request store, buses, /health and /metrics.
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config, logDestination)),
        DbModule,
        CqrsModule.forRoot(),
        HealthModule,
        HttpMetricsModule,
        // Integration events: the outbox publisher (for every context's handlers) and the queues.
        MessagingModule,
        // Platform services with routes and guards (tenancy, auth and RBAC, audit).
        TenancyModule,
        AccessModule,
        AuditApiModule,
        PerformanceSignalsRouterModule,
        MessagingAdminModule,
        ReferenceDataApiModule,
        // Bounded contexts.
        ClModule,
        PmModule,
        HrModule,
        PortalModule,
        DashboardsModule,
      ],
    };
  }
}
