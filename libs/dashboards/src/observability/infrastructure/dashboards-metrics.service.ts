import { Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram } from 'prom-client';

import { MetricsRegistry } from '@cairn/platform/http';

/** Observes dashboard audit writes wherever they happen (the repository is a plain function); set by DashboardsMetrics. */
let auditWriteObserver: ((ok: boolean, count: number) => void) | undefined;
export const observeAuditWrite = (ok: boolean, count: number): void => auditWriteObserver?.(ok, count);

/**
 * Dashboards' Prometheus metrics on the API's /metrics (issue 16 item 11, §14): render latency per view, export
 * volume by format and outcome, dashboard audit write successes and failures, and (collected on scrape) how many
 * organizations have each source in each state. Labels are bounded: view keys, formats, sources, states; never an
 * organization, user or record id.
 */
@Injectable()
export class DashboardsMetrics {
  readonly render: Histogram<'view' | 'outcome'>;
  readonly exports: Counter<'format' | 'outcome'>;
  readonly auditWrites: Counter<'outcome'>;
  readonly feeds: Gauge<'source' | 'state'>;
  private feedSampler?: () => Promise<Array<{ source: string; state: string; organizations: number }>>;

  constructor(metrics: MetricsRegistry) {
    const registers = [metrics.registry];
    this.render = new Histogram({
      name: 'cairn_dashboard_render_seconds',
      help: 'Time to render a dashboard view (GET /dashboards/me, /views/:viewId, /cross-site), by view key and outcome',
      labelNames: ['view', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers,
    });
    this.exports = new Counter({
      name: 'cairn_dashboard_exports_total',
      help: 'Dashboard and drill-down exports, by format and outcome (exported, denied)',
      labelNames: ['format', 'outcome'],
      registers,
    });
    this.auditWrites = new Counter({
      name: 'cairn_dashboard_audit_writes_total',
      help: 'Dashboard audit events written (success) or whose write failed (failure)',
      labelNames: ['outcome'],
      registers,
    });
    const sampler = () => this.feedSampler;
    this.feeds = new Gauge({
      name: 'cairn_dashboard_feeds',
      help: 'Organizations whose dashboard source (or inbound feed) is in each state: ok, failing, silent',
      labelNames: ['source', 'state'],
      registers,
      async collect() {
        const sample = sampler();
        if (!sample) return;
        try {
          this.reset();
          for (const r of await sample()) this.set({ source: r.source, state: r.state }, r.organizations);
        } catch {
          // database down: no sample rather than a failed scrape
        }
      },
    });
    for (const outcome of ['success', 'failure']) this.auditWrites.inc({ outcome }, 0);
    auditWriteObserver = (ok, count) => this.auditWrites.inc({ outcome: ok ? 'success' : 'failure' }, count);
  }

  /** Where the feed gauge reads from (the API wires the summary function at start). */
  sampleFeedsWith(sampler: () => Promise<Array<{ source: string; state: string; organizations: number }>>): void {
    this.feedSampler = sampler;
  }

  exported(format: string): void {
    this.exports.inc({ format, outcome: 'exported' });
  }

  denied(format: string): void {
    this.exports.inc({ format, outcome: 'denied' });
  }
}
