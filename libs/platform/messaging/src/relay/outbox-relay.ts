import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Client } from 'pg';

import { AppConfig, CONFIG } from '@cairn/platform/config';
import { PrismaService } from '@cairn/platform/db';

import { MessagingMetrics } from '../consumer/messaging-metrics';
import type { IntegrationEvent } from '../event-types';
import { JOB_MAP, QUEUE_NAMES, QueueName, queuesFor } from '../job-map';
import { MessagingQueues } from '../outbox/messaging-queues';

interface ClaimedRow {
  organization_id: string;
  id: string;
  event_type: string;
  payload: unknown;
  occurred_at: Date;
}

export interface RelayBatch {
  claimed: number;
  sent: number;
  /** Rows parked because no queue takes their type (see `relayBatch`). */
  unroutable: number;
  /** Set when Redis refused the batch: the rows stay unsent and are claimed again. */
  error?: string;
  /** Jobs Redis held as finished under these events' ids, removed and added again so a consumer runs. */
  replaced?: number;
  /** Sent events made due again because the database turned out to be behind Redis (ADR 0005 §7). */
  resent?: number;
}

/** Every event type some queue takes: the parked rows of these types are made due again when a relay starts. */
const ROUTED_TYPES = [...new Set(QUEUE_NAMES.flatMap((q) => [...JOB_MAP[q]] as string[]))];
const PURGE_EVERY_MS = 3600_000;
const MAX_BACKOFF_MS = 10_000;

/**
 * Moves committed outbox rows to BullMQ (ARCHITECTURE §3.2, ADR 0005). Each batch is one database transaction:
 * claim due unsent rows with `FOR UPDATE SKIP LOCKED` (through the SECURITY DEFINER `pf_outbox_claim`, as the
 * relay serves every organization), add each to its queue(s) with `jobId` = event id, and mark the rows sent
 * only after Redis acknowledged the adds. A crash before the commit leaves the rows unsent (the locks die with
 * the connection) and the next claim re-adds them; BullMQ ignores an add whose jobId it still has to run, a job
 * it holds as finished under that id is replaced (`MessagingQueues.addEvents`), and the consumer's
 * processed-events record absorbs every duplicate. Before each batch the relay ticks its clock, so a database
 * restored to an earlier point sends its sent events again (ADR 0005 §7). When Redis refuses, the rows are annotated, stay
 * unsent, and the relay backs off. It wakes on `NOTIFY pf_outbox` (sent by a trigger at commit) and polls.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private stopped = true;
  private loop?: Promise<void>;
  private listening?: Promise<void>;
  private wakeUp?: () => void;
  private woken = false;
  private listener?: Client;
  private lastPurge = 0;
  private installationId?: string;
  private unparked = false;

  constructor(
    private readonly prisma: PrismaService,
    private readonly queues: MessagingQueues,
    private readonly metrics: MessagingMetrics,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.start();
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.listening = this.listen();
    this.loop = this.run();
  }

  /** Finishes the batch in flight, then stops (SIGTERM drain). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.loop;
    const l = this.listener;
    this.listener = undefined;
    await l?.end().catch(() => undefined);
    await this.listening;
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /**
   * Ticks the relay clock (ADR 0005 §7): reads the highest position Redis recorded for this database's
   * installation, then has the database hand out the next one; a database that hands out a position Redis has
   * already seen went back in time, and `pf_outbox_relay_tick` makes every sent event due again in the same
   * statement. The new position is recorded in Redis. Without Redis the tick is skipped (the batch's adds fail
   * too, and the next poll ticks); returns the events made due again.
   */
  async tick(): Promise<number> {
    this.installationId ??= (await this.prisma.$queryRaw<{ id: string }[]>`SELECT pf_outbox_relay_installation() AS id`)[0]?.id;
    const installation = this.installationId;
    if (!installation) throw new Error('pf_outbox_relay_clock has no row: the migrations did not run');
    let seen: number;
    try {
      seen = await this.queues.relayPositionSeen(installation);
    } catch {
      return 0;
    }
    const [clock] = await this.prisma.$queryRaw<
      { position: bigint; resent: number }[]
    >`SELECT * FROM pf_outbox_relay_tick(${seen}::bigint)`;
    if (!clock) throw new Error('pf_outbox_relay_tick returned no row');
    if (clock.resent > 0) {
      this.logger.error(
        `This database is behind Redis (restored from a backup?): Redis saw relay position ${seen}, the database is at ${Number(clock.position) - 1}. ` +
          `${clock.resent} sent event(s) are sent again; consumers skip those they have applied (pf_processed_events)`,
      );
    }
    await this.queues.recordRelayPosition(installation, Number(clock.position)).catch(() => undefined);
    return clock.resent;
  }

  /**
   * One tick, then one claim-add-mark cycle. A claimed row whose type no queue takes (EVENTS_WITHOUT_CONSUMER,
   * or a retired type) is parked: kept unsent with the reason, and never claimed again by this deployment, so
   * it costs no work and no lag (it shows in `cairn_outbox_waiting_events{type}`). The first batch of a relay
   * makes due again the parked rows of every type this deployment routes: the deploy that adds a consumer
   * sends the rows that waited for it, oldest first.
   */
  async relayBatch(): Promise<RelayBatch> {
    if (!this.unparked) {
      const [row] = await this.prisma.$queryRaw<{ n: number }[]>`SELECT pf_outbox_unpark(${ROUTED_TYPES}::text[]) AS n`;
      this.unparked = true;
      if (row?.n) this.logger.log(`${row.n} outbox event(s) that waited for a consumer are due again`);
    }
    const resent = await this.tick();
    const batchSize = this.config.OUTBOX_BATCH_SIZE;
    return this.prisma.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<ClaimedRow[]>`SELECT * FROM pf_outbox_claim(${batchSize}::int)`;
        if (rows.length === 0) return { claimed: 0, sent: 0, unroutable: 0, replaced: 0, resent };
        const byQueue = new Map<QueueName, IntegrationEvent[]>();
        const routed: ClaimedRow[] = [];
        const unroutable: ClaimedRow[] = [];
        for (const row of rows) {
          const targets = queuesFor(row.event_type);
          if (targets.length === 0) {
            unroutable.push(row);
            continue;
          }
          routed.push(row);
          const event = {
            id: row.id,
            type: row.event_type,
            organizationId: row.organization_id,
            occurredAt: row.occurred_at.toISOString(),
            payload: row.payload,
          } as IntegrationEvent;
          for (const q of targets) byQueue.set(q, [...(byQueue.get(q) ?? []), event]);
        }
        if (unroutable.length) {
          await tx.$queryRaw`SELECT pf_outbox_park(${unroutable.map((r) => r.organization_id)}::uuid[], ${unroutable.map((r) => r.id)}::uuid[],
          'no queue takes this event type')`;
          const types = [...new Set(unroutable.map((r) => r.event_type))].join(', ');
          this.logger.log(`${unroutable.length} outbox event(s) of a type no queue takes (${types}) kept until a consumer exists`);
        }
        let replaced = 0;
        try {
          const added = await Promise.all([...byQueue].map(([q, events]) => this.queues.addEvents(q, events)));
          replaced = added.reduce((n, a) => n + a.replaced, 0);
        } catch (e) {
          const message = e instanceof Error ? e.message : String(e);
          await tx.$queryRaw`SELECT pf_outbox_defer(${routed.map((r) => r.organization_id)}::uuid[], ${routed.map((r) => r.id)}::uuid[],
          ${`redis: ${message}`}, 0)`;
          return { claimed: rows.length, sent: 0, unroutable: unroutable.length, error: message, replaced: 0, resent };
        }
        // Redis acknowledged every add: only now are the rows sent.
        await tx.$queryRaw`SELECT pf_outbox_mark_sent(${routed.map((r) => r.organization_id)}::uuid[], ${routed.map((r) => r.id)}::uuid[])`;
        for (const [q, events] of byQueue) this.metrics.relayed.inc({ queue: q }, events.length);
        if (replaced)
          this.logger.warn(
            `${replaced} job(s) Redis held as finished under these events' ids were added again, so the consumers run for this database`,
          );
        return { claimed: rows.length, sent: routed.length, unroutable: unroutable.length, replaced, resent };
      },
      { timeout: 30_000, maxWait: 10_000 },
    );
  }

  private async run(): Promise<void> {
    let backoff = 0;
    while (!this.stopped) {
      let full = false;
      try {
        const batch = await this.relayBatch();
        if (batch.error) {
          this.metrics.relayErrors.inc();
          backoff = Math.min(backoff ? backoff * 2 : 500, MAX_BACKOFF_MS);
          this.logger.warn(`Redis refused ${batch.claimed} event(s) (${batch.error}); they stay unsent, next try in ${backoff} ms`);
        } else {
          backoff = 0;
          full = batch.claimed === this.config.OUTBOX_BATCH_SIZE;
        }
        await this.purge();
      } catch (e) {
        this.metrics.relayErrors.inc();
        backoff = Math.min(backoff ? backoff * 2 : 500, MAX_BACKOFF_MS);
        this.logger.warn(`Relay batch failed (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); next try in ${backoff} ms`);
      }
      if (this.stopped) break;
      if (backoff) await this.sleep(backoff, false);
      else if (!full) await this.sleep(this.config.OUTBOX_POLL_MS, true);
    }
  }

  private async purge(): Promise<void> {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    const [row] = await this.prisma.$queryRaw<
      { n: number }[]
    >`SELECT pf_outbox_purge_sent(${this.config.OUTBOX_RETENTION_HOURS}::int) AS n`;
    if (row?.n) this.logger.log(`Purged ${row.n} sent outbox event(s) older than ${this.config.OUTBOX_RETENTION_HOURS} h`);
  }

  private wake(): void {
    this.woken = true;
    this.wakeUp?.();
  }

  /** Waits ms, or less when a notification arrives (if wakeable) or the relay stops. */
  private sleep(ms: number, wakeable: boolean): Promise<void> {
    if (wakeable && this.woken) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = () => {
        if (wakeable || this.stopped) {
          this.woken = false;
          this.wakeUp = undefined;
          done();
        }
      };
    });
  }

  /** LISTEN pf_outbox on a connection of its own; reconnects while the relay runs. */
  private async listen(): Promise<void> {
    while (!this.stopped) {
      const client = new Client({ connectionString: this.config.DATABASE_URL });
      // `on`, not `once`: a connection reset emits 'error' twice (the socket's error, then "Connection terminated
      // unexpectedly" at its end), and an 'error' without a listener ends the worker.
      const closed = new Promise<void>((resolve) => {
        client.once('end', () => resolve());
        client.on('error', () => resolve());
      });
      try {
        await client.connect();
        client.on('notification', () => this.wake());
        await client.query('LISTEN pf_outbox');
        this.listener = client;
        this.wake(); // rows may have committed while we were not listening
        if (this.stopped) await client.end();
        await closed;
      } catch {
        await client.end().catch(() => undefined);
      }
      this.listener = undefined;
      if (!this.stopped) await new Promise((r) => setTimeout(r, 1000));
    }
  }
}
