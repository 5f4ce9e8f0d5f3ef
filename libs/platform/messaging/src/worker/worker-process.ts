import { Logger } from '@nestjs/common';

import { AppConfig, loadConfigOrExit } from '@cairn/platform/config';
import { processesArgument, runProcessGroup, stopOnSignals } from '@cairn/platform/http';

import { RunningWorker, startWorker, StartWorkerOptions } from './start-worker';

/**
 * The worker process's life: read the configuration, start, and drain on SIGTERM/SIGINT. main.ts runs it with
 * what the app composes (the bounded contexts' consumers, reference data, scheduled jobs); tests run it with a
 * probe consumer in a real child process.
 *
 * `--processes N` (or WORKER_PROCESSES) runs N worker processes supervised by this one (runProcessGroup), each on
 * its own health and metrics port (WORKER_PORT + its index; an ephemeral port when WORKER_PORT is 0). They share
 * the queues and the outbox: the relays claim rows with SKIP LOCKED, BullMQ hands each job to one process, and the
 * consumers' processed-events record absorbs any redelivery (docs/operations/scaling.md).
 */
export function runWorkerProcess(consumers: StartWorkerOptions['consumers'] = []): void {
  const config = loadConfigOrExit();
  const { processes, error } = processesArgument(process.argv.slice(2));
  if (error) {
    console.error(error);
    process.exit(2);
  }
  runProcessGroup({
    processes: processes ?? config.WORKER_PROCESSES,
    name: 'worker',
    logger: new Logger('Worker'),
    envOf: (index) => ({ WORKER_PORT: String(config.WORKER_PORT === 0 ? 0 : config.WORKER_PORT + index) }),
    start: () => runOne(config, consumers),
  });
}

async function runOne(config: AppConfig, consumers: StartWorkerOptions['consumers']): Promise<void> {
  const logger = new Logger('Worker');
  let worker: RunningWorker;
  try {
    worker = await startWorker(config, { consumers });
  } catch (e) {
    logger.error({ err: e }, 'The worker failed to start');
    process.exit(1);
  }
  logger.log(`Cairn worker up; health and metrics on http://localhost:${worker.port}/health and /metrics`);

  stopOnSignals({ logger, stopping: 'draining', stop: () => worker.stop() });
}
