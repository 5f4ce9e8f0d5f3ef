import type { LoggerService } from '@nestjs/common';

/** Longer than any request or job should take to reach a safe point; after it the process gives up and exits 1. */
export const SHUTDOWN_TIMEOUT_MS = 25_000;

/**
 * The API's and the worker's own SIGTERM/SIGINT handling, rather than Nest's enableShutdownHooks() (which re-raises
 * the signal after closing, so the exit status would say "killed" instead of 0 after a clean stop): the first
 * signal runs `stop` and exits 0 when it finishes (1 when it fails or takes longer than `timeoutMs`); a second
 * signal exits 1 at once.
 */
export function stopOnSignals(opts: { logger: LoggerService; stopping: string; stop: () => Promise<unknown>; timeoutMs?: number }): void {
  const { logger, stopping, stop, timeoutMs = SHUTDOWN_TIMEOUT_MS } = opts;
  let shuttingDown = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (shuttingDown) {
      logger.warn(`${signal} again during shutdown: exiting now`);
      process.exit(1);
    }
    shuttingDown = true;
    logger.log(`${signal}: ${stopping}`);
    setTimeout(() => {
      logger.error(`Shutdown did not finish within ${timeoutMs / 1000} s: exiting`);
      process.exit(1);
    }, timeoutMs).unref();
    stop().then(
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
