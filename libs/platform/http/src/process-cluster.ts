import cluster, { type Worker } from 'node:cluster';
import type { LoggerService } from '@nestjs/common';

import { joinProcessGroup, SHUTDOWN_TIMEOUT_MS, STOP_MESSAGE } from './stop-on-signals';

/** The most processes one `--processes` may ask for (a machine's cores are the useful limit). */
export const MAX_PROCESSES = 64;

/** A child that dies this many times within CRASH_WINDOW_MS stops the whole group (a crash loop, not a bad moment). */
const CRASH_LIMIT = 5;
const CRASH_WINDOW_MS = 60_000;
const RESTART_DELAY_MS = 1000;

/**
 * The process count of a `--processes N` (or `--processes=N`) argument, `undefined` when there is none. Anything but
 * a whole number from 1 to MAX_PROCESSES is refused with a sentence naming the option.
 */
export function processesArgument(argv: readonly string[]): { processes?: number; error?: string } {
  let raw: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--processes') {
      raw = argv[i + 1] ?? '';
      i++;
    } else if (arg.startsWith('--processes=')) raw = arg.slice('--processes='.length);
  }
  if (raw === undefined) return {};
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PROCESSES) {
    return { error: `--processes must be a whole number from 1 to ${MAX_PROCESSES} (got "${raw}")` };
  }
  return { processes: n };
}

export interface ProcessGroupOptions {
  /** How many processes; 1 runs `start` in this process, with no primary. */
  processes: number;
  /** What each process runs (the app's own start-up, with its own signal handling). */
  start: () => Promise<void> | void;
  /** Environment variables of the i-th process (0-based) over this one's, e.g. a port of its own. */
  envOf?: (index: number) => Record<string, string>;
  logger: LoggerService;
  /** e.g. 'API': used in the primary's log lines. */
  name: string;
}

/**
 * Runs an app as N processes with Node's cluster module: this process becomes the primary, which forks N copies of
 * itself (same entry point, same Node flags) and supervises them; listening sockets on the same port are shared
 * (the primary hands out connections round robin), so N API processes serve one port. Every process talks to the
 * same PostgreSQL and Redis: whatever must hold across processes (sessions, their revocation, login throttling,
 * stream fan-out, idempotent consumers) lives there, never in a process's memory (docs/operations/scaling.md).
 *
 * The primary restarts a process that dies (after a second), unless processes die CRASH_LIMIT times within a minute:
 * then it stops the others and exits 1, so the service manager sees the failure. SIGTERM or SIGINT is passed to
 * every process (each drains as it does alone); the primary exits once all have, 0 if every one exited 0.
 */
export function runProcessGroup(opts: ProcessGroupOptions): void {
  if (cluster.isWorker) joinProcessGroup();
  if (opts.processes <= 1 || cluster.isWorker) {
    void Promise.resolve(opts.start());
    return;
  }
  const { logger, name, processes } = opts;
  let stopping = false;
  let exitCode = 0;
  const crashes: number[] = [];
  const live = new Map<number, Worker>();

  const fork = (index: number) => {
    const worker = cluster.fork({ ...opts.envOf?.(index), CAIRN_PROCESS_INDEX: String(index) });
    live.set(index, worker);
    worker.on('exit', (code, signal) => {
      if (live.get(index) === worker) live.delete(index);
      if (stopping) {
        if (code !== 0) exitCode = 1;
        if (live.size === 0) process.exit(exitCode);
        return;
      }
      const now = Date.now();
      crashes.push(now);
      while (crashes.length && crashes[0]! < now - CRASH_WINDOW_MS) crashes.shift();
      if (crashes.length >= CRASH_LIMIT) {
        logger.error(`${name} processes died ${crashes.length} times within a minute (the last: ${signal ?? `exit ${code}`}): stopping`);
        stop(1);
        return;
      }
      logger.error(
        `${name} process ${index + 1} of ${processes} (pid ${worker.process.pid}) ended (${signal ?? `exit ${code}`}): starting another`,
      );
      setTimeout(() => {
        if (!stopping) fork(index);
      }, RESTART_DELAY_MS).unref();
    });
  };

  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    if (live.size === 0) process.exit(exitCode);
    for (const w of live.values()) {
      if (w.isConnected()) w.send(STOP_MESSAGE);
      else w.process.kill('SIGTERM');
    }
    // Each process gives up after SHUTDOWN_TIMEOUT_MS on its own; this only covers one that hangs harder than that.
    setTimeout(() => {
      logger.error(`${name} processes did not stop within ${(SHUTDOWN_TIMEOUT_MS + 5000) / 1000} s: killing them`);
      for (const w of live.values()) w.process.kill('SIGKILL');
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS + 5000).unref();
  };

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      logger.log(`${signal}: stopping ${live.size} ${name} process(es)`);
      stop(0);
    });
  }
  logger.log(`starting ${processes} ${name} processes (primary pid ${process.pid})`);
  for (let i = 0; i < processes; i++) fork(i);
}
