import cluster from 'node:cluster';
import type { LoggerService } from '@nestjs/common';

/** What the primary of a process group (runProcessGroup) sends its processes to stop them. */
export const STOP_MESSAGE = 'cairn:stop';

type StopReason = NodeJS.Signals | 'stop message';
let groupStop: ((why: StopReason) => void) | undefined;
let joined = false;

/**
 * In a process of a group (runProcessGroup calls it first thing): hears the primary's STOP_MESSAGE and the group's
 * SIGTERM/SIGINT from the first moment. Until stopOnSignals takes over (the app is up) a stop ends the process at
 * once with 0: it serves nothing yet, and a message that arrived during start-up would otherwise be lost and leave
 * it running until the primary kills it.
 */
export function joinProcessGroup(): void {
  if (joined) return;
  joined = true;
  const handle = (why: StopReason) => (groupStop ? groupStop(why) : process.exit(0));
  process.on('message', (m: unknown) => m === STOP_MESSAGE && handle('stop message'));
  process.on('SIGTERM', () => handle('SIGTERM'));
  process.on('SIGINT', () => handle('SIGINT'));
}

/** Longer than any request or job should take to reach a safe point; after it the process gives up and exits 1. */
export const SHUTDOWN_TIMEOUT_MS = 25_000;

/**
 * The API's and the worker's own SIGTERM/SIGINT handling, rather than Nest's enableShutdownHooks() (which re-raises
 * the signal after closing, so the exit status would say "killed" instead of 0 after a clean stop): the first
 * signal runs `stop` and exits 0 when it finishes (1 when it fails or takes longer than `timeoutMs`); a second
 * signal exits 1 at once.
 *
 * In a process of a group (`--processes N`, runProcessGroup) the same stop may arrive up to three times: the
 * primary's STOP_MESSAGE, and the signal itself when the terminal (Ctrl-C), a launcher or the service manager
 * signals the whole process group. There the first of them stops the process and repeats are ignored; the primary
 * kills a process that hangs.
 */
export function stopOnSignals(opts: { logger: LoggerService; stopping: string; stop: () => Promise<unknown>; timeoutMs?: number }): void {
  const { logger, stopping, stop, timeoutMs = SHUTDOWN_TIMEOUT_MS } = opts;
  let shuttingDown = false;
  const inGroup = cluster.isWorker;
  const shutdown = (signal: StopReason) => {
    if (shuttingDown && inGroup) return;
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
  if (inGroup) {
    joinProcessGroup();
    groupStop = shutdown;
    return;
  }
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
