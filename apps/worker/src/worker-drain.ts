import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';

type Closer = () => Promise<void>;

/**
 * Where queue consumers register how to stop. On shutdown (SIGTERM) the worker closes its Nest context, which
 * calls every registered closer in parallel before any module is destroyed, so a BullMQ `Worker.close()`
 * can let its in-flight jobs finish while the database and Redis connections are still open.
 */
@Injectable()
export class WorkerDrain implements BeforeApplicationShutdown {
  private readonly logger = new Logger('WorkerDrain');
  private readonly closers = new Map<string, Closer>();

  register(name: string, close: Closer): void {
    if (this.closers.has(name)) throw new Error(`A closer named ${name} is already registered`);
    this.closers.set(name, close);
  }

  get registered(): string[] {
    return [...this.closers.keys()];
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.closers.size === 0) return;
    this.logger.log(`Draining ${this.closers.size} consumer(s): ${this.registered.join(', ')}`);
    const results = await Promise.allSettled([...this.closers].map(async ([name, close]) => {
      await close();
      return name;
    }));
    for (const r of results) if (r.status === 'rejected') this.logger.error({ err: r.reason }, 'A consumer failed to close cleanly');
  }
}
