import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Client } from 'pg';
import { AppConfig, CONFIG } from '@cairn/platform/config';
import { PrismaService } from '@cairn/platform/db';
import { IntegrationEvent, MessagingMetrics, MessagingQueues, QueueName, queuesFor } from '@cairn/platform/messaging';

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
  /** Rows deferred because no queue takes their type. */
  unroutable: number;
  /** Set when Redis refused the batch: the rows stay unsent and are claimed again. */
  error?: string;
}

/** An event no queue takes is looked at again after this long (a deploy may add its consumer). */
const UNROUTABLE_DELAY_S = 3600;
const PURGE_EVERY_MS = 3600_000;
const MAX_BACKOFF_MS = 10_000;

/**
 * Moves committed outbox rows to BullMQ (ARCHITECTURE §3.2, ADR 0004). Each batch is one database transaction:
 * claim due unsent rows with `FOR UPDATE SKIP LOCKED` (through the SECURITY DEFINER `pf_outbox_claim`, as the
 * relay serves every organization), add each to its queue(s) with `jobId` = event id, and mark the rows sent
 * only after Redis acknowledged the adds. A crash before the commit leaves the rows unsent (the locks die with
 * the connection) and the next claim re-adds them; BullMQ ignores an add whose jobId exists and the consumer's
 * processed-events record absorbs any other duplicate. When Redis refuses, the rows are annotated, stay
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

  /** One claim-add-mark cycle. */
  async relayBatch(): Promise<RelayBatch> {
    const batchSize = this.config.OUTBOX_BATCH_SIZE;
    return this.prisma.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<ClaimedRow[]>`SELECT * FROM pf_outbox_claim(${batchSize}::int)`;
      if (rows.length === 0) return { claimed: 0, sent: 0, unroutable: 0 };
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
          id: row.id, type: row.event_type, organizationId: row.organization_id, occurredAt: row.occurred_at.toISOString(), payload: row.payload,
        } as IntegrationEvent;
        for (const q of targets) byQueue.set(q, [...(byQueue.get(q) ?? []), event]);
      }
      if (unroutable.length) {
        await tx.$queryRaw`SELECT pf_outbox_defer(${unroutable.map((r) => r.organization_id)}::uuid[], ${unroutable.map((r) => r.id)}::uuid[],
          'no queue takes this event type', ${UNROUTABLE_DELAY_S}::int)`;
        this.logger.warn(`${unroutable.length} outbox event(s) of a type no queue takes; deferred ${UNROUTABLE_DELAY_S} s`);
      }
      try {
        await Promise.all([...byQueue].map(([q, events]) => this.queues.addEvents(q, events)));
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        await tx.$queryRaw`SELECT pf_outbox_defer(${routed.map((r) => r.organization_id)}::uuid[], ${routed.map((r) => r.id)}::uuid[],
          ${`redis: ${message}`}, 0)`;
        return { claimed: rows.length, sent: 0, unroutable: unroutable.length, error: message };
      }
      // Redis acknowledged every add: only now are the rows sent.
      await tx.$queryRaw`SELECT pf_outbox_mark_sent(${routed.map((r) => r.organization_id)}::uuid[], ${routed.map((r) => r.id)}::uuid[])`;
      for (const [q, events] of byQueue) this.metrics.relayed.inc({ queue: q }, events.length);
      return { claimed: rows.length, sent: routed.length, unroutable: unroutable.length };
    }, { timeout: 30_000, maxWait: 10_000 });
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
    const [row] = await this.prisma.$queryRaw<{ n: number }[]>`SELECT pf_outbox_purge_sent(${this.config.OUTBOX_RETENTION_HOURS}::int) AS n`;
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
      const closed = new Promise<void>((resolve) => {
        client.once('end', () => resolve());
        client.once('error', () => resolve());
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
