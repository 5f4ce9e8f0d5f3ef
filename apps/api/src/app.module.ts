import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { ClModule } from '@cairn/cl';
import { DashboardsModule } from '@cairn/dashboards';
import { HrModule } from '@cairn/hr';
import { AccessModule } from '@cairn/platform/access';
import { AuditApiModule } from '@cairn/platform/audit';
import { AppConfig, ConfigModule } from '@cairn/platform/config';
import { DbModule } from '@cairn/platform/db';
import { HealthModule, HttpMetricsMiddleware, loggerParams, MetricsController, MetricsRegistry } from '@cairn/platform/http';
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
export class AppModule implements NestModule {
  static register({ config, logDestination }: ApiModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config, logDestination)),
        DbModule,
        TenancyModule,
        CqrsModule.forRoot(),
        HealthModule,
        AccessModule,
        AuditApiModule,
        ClModule,
        PmModule,
        HrModule,
        PortalModule,
        DashboardsModule,
      ],
      controllers: [MetricsController],
      providers: [MetricsRegistry],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpMetricsMiddleware).forRoutes('*');
  }
}
