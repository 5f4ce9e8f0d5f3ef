import { parseArgs } from 'node:util';

import { DEFAULT_CHAOS_OPTIONS, runChaos, summary } from './chaos-run';

/**
 * `npm run chaos -- --attendances N [--seed S]`: N attendances flow from documented to charged through two API
 * and two worker processes while the run SIGKILLs API and worker processes at random moments, kills and restarts
 * Redis once and takes PostgreSQL from the apps once (tools/chaos/chaos-run.ts says how); it prints each fault
 * and the recovery after it, the throughput, and the final checks, and exits 1 on any violation.
 * Options: --attendees (per session, default 10), --api-kills and --worker-kills (default 3 each),
 * --postgres-outage-seconds (5), --redis-down-seconds (2), --restart-delay-ms (1000), --queue-lock-ms (5000),
 * --timeout-minutes (60). PostgreSQL: TEST_DATABASE_ADMIN_URL / DATABASE_URL (a scratch database is created and
 * dropped); Redis: a redis-server of the run's own (redis-server must be on the PATH).
 */
const { values: args } = parseArgs({
  options: {
    attendances: { type: 'string', default: '10000' },
    attendees: { type: 'string', default: String(DEFAULT_CHAOS_OPTIONS.attendees) },
    seed: { type: 'string', default: String(DEFAULT_CHAOS_OPTIONS.seed) },
    'api-kills': { type: 'string', default: String(DEFAULT_CHAOS_OPTIONS.apiKills) },
    'worker-kills': { type: 'string', default: String(DEFAULT_CHAOS_OPTIONS.workerKills) },
    'postgres-outage-seconds': { type: 'string', default: String(DEFAULT_CHAOS_OPTIONS.postgresOutageMs / 1000) },
    'redis-down-seconds': { type: 'string', default: String(DEFAULT_CHAOS_OPTIONS.redisDownMs / 1000) },
    'restart-delay-ms': { type: 'string', default: String(DEFAULT_CHAOS_OPTIONS.restartDelayMs) },
    'queue-lock-ms': { type: 'string', default: String(DEFAULT_CHAOS_OPTIONS.queueLockMs) },
    'timeout-minutes': { type: 'string', default: String(DEFAULT_CHAOS_OPTIONS.timeoutMs / 60_000) },
  },
});

function whole(name: string, min: number): number {
  const v = Number(args[name as keyof typeof args]);
  if (!Number.isInteger(v) || v < min) throw new Error(`--${name} must be a whole number of at least ${min}`);
  return v;
}

async function main(): Promise<void> {
  const attendees = whole('attendees', 1);
  const attendances = whole('attendances', attendees);
  if (attendances % attendees) throw new Error(`--attendances must be a multiple of --attendees (${attendees})`);
  // Ctrl-C: stop the flow and clean up (the processes, Redis, the scratch database) rather than leave them behind.
  const interrupt = new AbortController();
  process.once('SIGINT', () => {
    console.error('interrupted: cleaning up (Ctrl-C again to leave everything as it is)');
    interrupt.abort();
  });
  const report = await runChaos({
    signal: interrupt.signal,
    attendances,
    attendees,
    seed: whole('seed', 0),
    apiKills: whole('api-kills', 0),
    workerKills: whole('worker-kills', 0),
    postgresOutageMs: Number(args['postgres-outage-seconds']) * 1000,
    redisDownMs: Number(args['redis-down-seconds']) * 1000,
    restartDelayMs: whole('restart-delay-ms', 0),
    queueLockMs: whole('queue-lock-ms', 1000),
    timeoutMs: whole('timeout-minutes', 1) * 60_000,
    print: (line) => console.log(line),
  });
  console.log(summary(report).join('\n'));
  if (report.violations.length) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
