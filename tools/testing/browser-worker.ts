import { Pool } from 'pg';
import type { ManagedProcess } from '../dev/managed-process';
import { freePort, httpStatus, waitUntil } from '../dev/probes';
import { obliterateQueues, uniqueQueuePrefix } from './messaging/probe';

/**
 * The worker (apps/worker/src/main.ts: outbox relay, CL's generation consumer, PM's encounter handler) for the
 * browser tests, as `npm start` runs it: the seed leaves each documented demo session's
 * `cl_group_session_documented.v1` in the outbox and the worker turns it into generations and `pm_encounters`
 * rows, which the chart's encounters and the review pages show. Its queues get a prefix of their own (the Redis is
 * shared with other runs) and are removed afterwards. Resolves once every documented session has been generated.
 */
export async function startEncounterWorker(opts: {
  start: (name: string, args: string[], env: NodeJS.ProcessEnv) => ManagedProcess;
  cleanups: (() => Promise<void>)[];
  appUrl: string;
  ownerUrl: string;
  redisUrl: string;
  say: (m: string) => void;
}): Promise<void> {
  const prefix = uniqueQueuePrefix('browser');
  const port = await freePort();
  // Registered before the worker's own stop, so (cleanups run in reverse) it runs after the worker has stopped.
  opts.cleanups.push(() => obliterateQueues(opts.redisUrl, prefix));
  const worker = opts.start('worker', ['-r', '@swc-node/register', 'apps/worker/src/main.ts'], {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: opts.appUrl,
    REDIS_URL: opts.redisUrl,
    WORKER_PORT: String(port),
    QUEUE_PREFIX: prefix,
    OUTBOX_POLL_MS: '200',
  });
  opts.say(`starting the worker (queues ${prefix}) and waiting for the demo sessions' encounters...`);
  await waitUntil(async () => (await httpStatus(`http://127.0.0.1:${port}/health`)) === 200, {
    timeoutMs: 120_000,
    what: 'the worker /health',
    abort: () => (worker.running ? undefined : 'the worker exited during start-up (its output is above)'),
  });
  const owner = new Pool({ connectionString: opts.ownerUrl, max: 1 });
  try {
    const pending = async () =>
      (
        await owner.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM cl_group_sessions s WHERE s.status = 'documented'
             AND NOT EXISTS (SELECT 1 FROM cl_group_encounter_generations g WHERE g.group_session_id = s.id)`,
        )
      ).rows[0]!.n;
    await waitUntil(async () => (await pending()) === 0, {
      timeoutMs: 120_000,
      intervalMs: 250,
      what: 'the worker to generate the encounters of every documented demo session',
      abort: () => (worker.running ? undefined : 'the worker exited (its output is above)'),
    });
  } finally {
    await owner.end();
  }
}
