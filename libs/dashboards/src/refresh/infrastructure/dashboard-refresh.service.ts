import { TransactionHost } from '@nestjs-cls/transactional';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { Queue, Worker } from 'bullmq';
import type Redis from 'ioredis';
import { ClsService } from 'nestjs-cls';

import { AppConfig, CONFIG } from '@cairn/platform/config';
import { CLS_REQUEST_ID, TENANT_CONTEXT } from '@cairn/platform/db';
import { MessagingConnections, SCHEDULED_JOBS, systemContext, WorkerDrain, type ScheduledJobMap } from '@cairn/platform/messaging';
import { SIGNAL_SOURCES, type SignalSourceKey } from '@cairn/platform/performance-signals';

import { DS_SYSTEM_DB, type DsSystemDb, type DsTx, type DsTxHost } from '../../dashboards.tx';
import { loadMetricDefinitions } from '../../definitions/infrastructure/definitions.repository';
import { RecomputeMetricsCommand, type RecomputeResult } from '../../metric-store/commands/recompute-metrics/recompute-metrics.command';
import { dayIn, daysBefore, FIRST_RECOMPUTE_DAYS, previousDay, signalsOfSources, sourcesToCatchUp } from '../domain/affected-days.rules';
import type { DashboardChange } from '../domain/dashboard-change.rules';
import { DashboardChangesGateway } from './dashboard-changes.gateway';
import { refreshOrganizations } from './refresh.repository';

const QUEUE = 'dashboards-refresh' as const;
type Payload = ScheduledJobMap[typeof QUEUE][(typeof SCHEDULED_JOBS)[typeof QUEUE]];
export type RefreshModel = Payload['model'];

/**
 * The scheduled update models (ADR 0017), as BullMQ job schedulers (one per deployment however many workers run,
 * idempotent on restart):
 * - near-real-time, every DASHBOARDS_NEAR_REAL_TIME_SECONDS: for each organization, today's values of the sources
 *   its near-real-time metrics read, and of any source whose last recompute failed (so a fixed source recovers
 *   without waiting for its next event), that has not been computed since today began (real-time sources move only
 *   on events: a quiet morning must still show today's figures), or that was never computed (a fresh installation:
 *   its trailing eight weeks, so the demo's dashboards are alive within a tick of `npm start`). Their expected interval is three ticks: a stopped worker makes them
 *   silent after that.
 * - batch, at DASHBOARDS_BATCH_CRON in DASHBOARDS_BATCH_TIMEZONE: every source, yesterday and today.
 * Each organization runs in its own system context and transaction; one organization's failure does not stop the
 * others. After each organization's commit a change goes out on Redis for the SSE stream.
 */
@Injectable()
export class DashboardRefreshService implements OnApplicationBootstrap {
  private readonly logger = new Logger('DashboardRefresh');
  private queue?: Queue<Payload>;
  private worker?: Worker<Payload>;
  private connection?: Redis;

  constructor(
    @Inject(DS_SYSTEM_DB) private readonly prisma: DsSystemDb,
    private readonly cls: ClsService,
    @Inject(TransactionHost) private readonly txHost: DsTxHost,
    private readonly commands: CommandBus,
    private readonly changes: DashboardChangesGateway,
    private readonly connections: MessagingConnections,
    private readonly drain: WorkerDrain,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const nearRealTime = this.config.DASHBOARDS_NEAR_REAL_TIME_SECONDS;
    const batch = this.config.DASHBOARDS_BATCH_CRON;
    if (nearRealTime === 0 && batch === 'off') {
      this.logger.warn('dashboards refresh is off (DASHBOARDS_NEAR_REAL_TIME_SECONDS=0, DASHBOARDS_BATCH_CRON=off)');
      return;
    }
    const prefix = this.connections.prefix;
    this.connection = this.connections.workerConnection();
    this.worker = new Worker<Payload>(QUEUE, async (job) => this.refreshAll(job.data.model), {
      connection: this.connection,
      prefix,
      concurrency: 1,
    });
    this.worker.on('failed', (job, err) => this.logger.error(`dashboards ${job?.data.model ?? ''} refresh failed: ${err.message}`));
    this.worker.on('error', (err) => this.logger.warn(`dashboards refresh worker: ${err.message}`));
    this.queue = new Queue<Payload>(QUEUE, { connection: this.connections.producer, prefix });
    this.queue.on('error', () => undefined); // a Redis outage; the scheduler calls below report it
    const opts = { removeOnComplete: 100, removeOnFail: 1000 };
    const schedule = async () => {
      if (nearRealTime > 0)
        await this.queue!.upsertJobScheduler(
          `${QUEUE}:near-real-time`,
          { every: nearRealTime * 1000 },
          { name: SCHEDULED_JOBS[QUEUE], data: { model: 'near-real-time' }, opts },
        );
      else await this.queue!.removeJobScheduler(`${QUEUE}:near-real-time`);
      if (batch !== 'off')
        await this.queue!.upsertJobScheduler(
          `${QUEUE}:batch`,
          { pattern: batch, tz: this.config.DASHBOARDS_BATCH_TIMEZONE },
          { name: SCHEDULED_JOBS[QUEUE], data: { model: 'batch' }, opts },
        );
      else await this.queue!.removeJobScheduler(`${QUEUE}:batch`);
    };
    void schedule().catch((e: unknown) =>
      this.logger.error(`could not schedule the dashboards refresh: ${e instanceof Error ? e.message : String(e)}`),
    );
    this.drain.register(QUEUE, () => this.close());
  }

  /** One run of an update model over every organization; returns the changes published. */
  async refreshAll(model: RefreshModel): Promise<DashboardChange[]> {
    const out: DashboardChange[] = [];
    for (const org of await refreshOrganizations(this.prisma)) {
      try {
        const change = await this.refreshOrganization(org.organizationId, org.timezone, model);
        if (change) {
          await this.changes.publish(change);
          out.push(change);
        }
      } catch (e) {
        this.logger.error(`dashboards ${model} refresh of ${org.organizationId} failed: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    return out;
  }

  /** One organization, in its system context and one transaction (the recompute records each source's status). */
  async refreshOrganization(
    organizationId: string,
    timezone: string,
    model: RefreshModel,
    now = new Date(),
  ): Promise<DashboardChange | null> {
    return this.cls.run(async () => {
      this.cls.set(TENANT_CONTEXT, systemContext(organizationId));
      this.cls.set(CLS_REQUEST_ID, `dashboards-refresh:${model}:${organizationId}`);
      return this.txHost.withTransaction(async () => {
        const tx = this.txHost.tx as unknown as DsTx;
        const today = dayIn(timezone, now);
        // [sources, expected interval (undefined: the source's default), first day] per recompute.
        const runs: Array<[SignalSourceKey[], number | undefined, string]> = [];
        let from = today;
        if (model === 'batch') {
          from = previousDay(today);
          runs.push([[...SIGNAL_SOURCES], undefined, from]);
        } else {
          const defs = await loadMetricDefinitions(tx, organizationId);
          const statuses = await tx.dsSourceStatus.findMany({
            where: { organizationId },
            select: { source: true, status: true, lastSuccessAt: true },
          });
          const nearRealTime = new Set(defs.filter((d) => d.updateModel === 'near-real-time').map((d) => d.calculationSource));
          const retry = new Set(statuses.filter((f) => f.status === 'failing').map((f) => f.source));
          runs.push([
            SIGNAL_SOURCES.filter((s) => nearRealTime.has(s)),
            Math.max(3 * this.config.DASHBOARDS_NEAR_REAL_TIME_SECONDS, 1),
            today,
          ]);
          const rest = SIGNAL_SOURCES.filter((s) => !nearRealTime.has(s));
          const { never, notToday } = sourcesToCatchUp(
            rest,
            new Map(statuses.map((st) => [st.source, st.lastSuccessAt ? dayIn(timezone, st.lastSuccessAt) : null])),
            today,
          );
          runs.push([rest.filter((s) => retry.has(s) || notToday.includes(s)), undefined, today]);
          runs.push([never, undefined, daysBefore(today, FIRST_RECOMPUTE_DAYS)]);
        }
        const sources = runs.flatMap(([s]) => s);
        if (sources.length === 0) return null;
        const status: Record<string, 'ok' | 'failing'> = {};
        let computedAt = now.toISOString();
        for (const [group, interval, first] of runs) {
          if (group.length === 0) continue;
          if (first < from) from = first;
          const result = await this.commands.execute<RecomputeMetricsCommand, RecomputeResult>(
            new RecomputeMetricsCommand(organizationId, group, first, today, interval),
          );
          computedAt = result.computedAt;
          for (const r of result.results) status[r.source] = r.status;
        }
        const days = from === today ? [today] : [from, today];
        return {
          organizationId,
          trigger: model,
          cause: null,
          sources,
          signals: signalsOfSources(sources),
          days,
          providerIds: [],
          status,
          computedAt,
          occurredAt: null,
        } satisfies DashboardChange;
      });
    });
  }

  private async close(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
    this.connection?.disconnect();
  }
}
