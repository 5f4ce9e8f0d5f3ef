import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';

import { MetricsModule } from '@cairn/platform/http';

import { RenderLatencyInterceptor } from './http/render-latency.service';
import { DashboardsMetrics } from './infrastructure/dashboards-metrics.service';
import { FeedAvailabilitySampler } from './infrastructure/feed-availability.service';
import { DashboardsTracing } from './infrastructure/tracing.service';

/** Dashboards' Prometheus metrics in the API (issue 16 item 11). */
@Module({
  imports: [MetricsModule],
  providers: [
    DashboardsMetrics,
    FeedAvailabilitySampler,
    DashboardsTracing,
    { provide: APP_INTERCEPTOR, useClass: RenderLatencyInterceptor },
  ],
  exports: [DashboardsMetrics],
})
export class ObservabilityModule {}
