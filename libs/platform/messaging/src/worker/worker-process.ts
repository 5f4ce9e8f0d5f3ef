import { Logger } from '@nestjs/common';

import { loadConfigOrExit } from '@cairn/platform/config';

import { RunningWorker, startWorker, StartWorkerOptions } from './start-worker';

/** Longer than any job should take to reach a safe point; after it the process gives up and exits 1. */
const SHUTDOWN_TIMEOUT_MS = 25_000;

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

  // Our own signal handling rather than enableShutdownHooks(): Nest's re-raises the signal after closing,
  // so the exit status would say "killed" instead of 0 after a clean drain.
  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      logger.warn(`${signal} again during shutdown: exiting now`);
      process.exit(1);
    }
    shuttingDown = true;
    logger.log(`${signal}: draining`);
    setTimeout(() => {
      logger.error(`Shutdown did not finish within ${SHUTDOWN_TIMEOUT_MS / 1000} s: exiting`);
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS).unref();
    worker.stop().then(
      () => {
        logger.log('Stopped cleanly');
        process.exit(0);
      },
      (e: unknown) => {
        logger.error({ err: e }, 'Shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
