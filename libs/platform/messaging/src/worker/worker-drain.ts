import { BeforeApplicationShutdown, Injectable, Logger, Optional } from '@nestjs/common';

import { EventConsumerRegistry } from '../consumer/event-consumer';
import { OutboxRelay } from '../relay/outbox-relay';

type Closer = () => Promise<void>;

/**
 * How the worker stops taking work. `drain()` stops the outbox relay (after its batch in flight), every queue
 * consumer (BullMQ `Worker.close()` lets running jobs finish) and any other registered closer, in parallel.
 * The worker calls it on SIGTERM BEFORE closing the Nest context: Nest runs onModuleDestroy (which closes the
 * database pool and Redis connections) ahead of beforeApplicationShutdown, so draining in a shutdown hook
 * would let running jobs fail against closed connections. The hook below only drains a context closed some
 * other way.
 */
@Injectable()
export class WorkerDrain implements BeforeApplicationShutdown {
  private readonly logger = new Logger('WorkerDrain');
  private readonly closers = new Map<string, Closer>();
  private draining?: Promise<void>;

  constructor(
    private readonly consumers: EventConsumerRegistry,
    @Optional() private readonly relay?: OutboxRelay,
  ) {}

  register(name: string, close: Closer): void {
    if (this.closers.has(name)) throw new Error(`A closer named ${name} is already registered`);
    this.closers.set(name, close);
  }

  get registered(): string[] {
    return [...this.closers.keys()];
  }

  /** Idempotent: a second call waits for the first. */
  drain(): Promise<void> {
    this.draining ??= this.run();
    return this.draining;
  }

  private async run(): Promise<void> {
    const work: Array<[string, Closer]> = [...this.closers];
    if (this.relay) work.push(['outbox-relay', () => this.relay!.stop()]);
    if (this.consumers.size) work.push([`${this.consumers.size} queue consumer(s)`, () => this.consumers.closeAll()]);
    if (work.length === 0) return;
    this.logger.log(`Draining: ${work.map(([name]) => name).join(', ')}`);
    const results = await Promise.allSettled(work.map(([, close]) => close()));
    for (const r of results) if (r.status === 'rejected') this.logger.error({ err: r.reason }, 'A consumer failed to close cleanly');
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.drain();
  }
}
