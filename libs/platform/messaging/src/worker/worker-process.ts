import { Logger } from '@nestjs/common';

import { loadConfigOrExit } from '@cairn/platform/config';
import { stopOnSignals } from '@cairn/platform/http';

import { RunningWorker, startWorker, StartWorkerOptions } from './start-worker';

/**
 * The worker process's life: read the configuration, start, and drain on SIGTERM/SIGINT. main.ts runs it with
 * what the app composes (the bounded contexts' consumers, reference data, scheduled jobs); tests run it with a
 * probe consumer in a real child process.
 */
export async function runWorkerProcess(consumers: StartWorkerOptions['consumers'] = []): Promise<void> {
  const config = loadConfigOrExit();
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
