import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

import { AppConfig, CONFIG } from '@cairn/platform/config';

export const DASHBOARDS_TRACER = '@cairn/dashboards';

/**
 * One span per cross-context feed call (issue 16 item 11): a GetPerformanceSignalsQuery to a source's owning
 * context, with the source, the days asked and the number of buckets, or the error. Uses the process's global
 * OpenTelemetry tracer provider: none (no-op spans) unless DashboardsTracing registered the OTLP exporter, or a test
 * registered an in-memory one.
 */
export async function withSignalSpan<T extends readonly unknown[]>(
  source: string,
  range: { from: string; to: string },
  fn: () => Promise<T>,
): Promise<T> {
  return trace.getTracer(DASHBOARDS_TRACER).startActiveSpan(`performance-signals ${source}`, async (span: Span) => {
    span.setAttributes({ 'cairn.signal.source': source, 'cairn.signal.from': range.from, 'cairn.signal.to': range.to });
    try {
      const result = await fn();
      span.setAttribute('cairn.signal.buckets', result.length);
      span.setStatus({ code: SpanStatusCode.OK });
      return result;
    } catch (e) {
      span.recordException(e instanceof Error ? e : new Error(String(e)));
      span.setStatus({ code: SpanStatusCode.ERROR, message: e instanceof Error ? e.message : String(e) });
      throw e;
    } finally {
      span.end();
    }
  });
}

/**
 * Registers the OTLP/HTTP trace exporter as the process's tracer provider when OTEL_EXPORTER_OTLP_ENDPOINT is set
 * (spans go to `<endpoint>/v1/traces` in batches), and flushes it at shutdown. Unset: nothing is registered.
 */
@Injectable()
export class DashboardsTracing implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('Tracing');
  private provider?: TracerProvider;

  constructor(@Inject(CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    const endpoint = this.config.OTEL_EXPORTER_OTLP_ENDPOINT;
    if (!endpoint) return;
    this.provider = new TracerProvider({
      spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${endpoint.replace(/\/$/, '')}/v1/traces` }) })],
    });
    if (!trace.setGlobalTracerProvider(this.provider)) this.logger.warn('a tracer provider was registered already; keeping it');
    else this.logger.log(`exporting traces over OTLP to ${endpoint}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.provider?.shutdown().catch(() => undefined);
  }
}
