import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { processesArgument } from '@cairn/platform/http';

import { readMigrateSettings, runMigrate } from '../db/migrate-command';
import { productionStartProblems } from './production-start-checks';

/**
 * `npm run start:prod` (dist/tools/prod/start.js, built by `npm run build`): the compiled API and worker with
 * NODE_ENV=production on one server.
 *
 * 1. Checks every setting the API, the worker and the migrations need and refuses development ones (published
 *    secrets and passwords, trust authentication, the embedded PostgreSQL, an implicit local Redis), printing
 *    every problem on its own line, exit 2.
 * 2. Runs `db:migrate` as the owner role (CAIRN_MIGRATE_ON_START=false skips it, e.g. when a separate job does).
 * 3. Starts dist/apps/api/main.js and dist/apps/worker/main.js, the API serving the staff web from
 *    dist/apps/staff-web unless STAFF_WEB_DIR says otherwise and the client portal from dist/apps/portal-web to
 *    requests for PORTAL_WEB_HOST (portal.localhost unless set), their JSON logs on stdout.
 *    `--processes N` runs N of each (each app's group supervised by its own primary; API_PROCESSES and
 *    WORKER_PROCESSES set them apart; docs/operations/scaling.md).
 * 4. SIGTERM/SIGINT: both drain (requests and jobs in flight finish) and the launcher exits 0 when both did; if
 *    either dies on its own, the other is stopped and the launcher exits 1 so a supervisor restarts the pair.
 */
const DIST = join(__dirname, '..', '..');
const STOP_TIMEOUT_MS = 30_000;

/** One JSON line, like the apps' pino logs. */
function log(level: 'info' | 'warn' | 'error', msg: string): void {
  const line = JSON.stringify({ level: { info: 30, warn: 40, error: 50 }[level], time: Date.now(), service: 'cairn-launcher', msg });
  (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
}

interface App {
  name: 'api' | 'worker';
  child: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function startApp(name: App['name'], env: NodeJS.ProcessEnv, args: string[]): App {
  const child = spawn(process.execPath, ['--enable-source-maps', join(DIST, 'apps', name, 'main.js'), ...args], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { name, child, exited };
}

async function main(): Promise<number> {
  const processes = processesArgument(process.argv.slice(2));
  const problems = [...(processes.error ? [processes.error] : []), ...productionStartProblems(process.env)];
  if (problems.length) {
    console.error(
      `Cairn will not start in production with these settings:\n  - ${problems.join('\n  - ')}\nSee docs/operations.md and .env.example.`,
    );
    return 2;
  }
  for (const name of ['api', 'worker']) {
    if (!existsSync(join(DIST, 'apps', name, 'main.js'))) {
      console.error(`${join(DIST, 'apps', name, 'main.js')} is missing: run npm run build first`);
      return 2;
    }
  }
  const staffWeb = join(DIST, 'apps', 'staff-web');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    STAFF_WEB_DIR: process.env['STAFF_WEB_DIR'] ?? (existsSync(join(staffWeb, 'index.html')) ? staffWeb : ''),
  };
  const portalWeb = join(DIST, 'apps', 'portal-web');
  env['PORTAL_WEB_DIR'] = process.env['PORTAL_WEB_DIR'] ?? (existsSync(join(portalWeb, 'index.html')) ? portalWeb : '');
  if (env['PORTAL_WEB_DIR']) env['PORTAL_WEB_HOST'] = process.env['PORTAL_WEB_HOST'] ?? 'portal.localhost';
  else log('warn', 'no client portal bundle to serve (npm run build makes dist/apps/portal-web; PORTAL_WEB_DIR names another)');
  if (!env['STAFF_WEB_DIR'])
    log('warn', 'no staff web bundle to serve (npm run build makes dist/apps/staff-web; STAFF_WEB_DIR names another)');

  if (process.env['CAIRN_MIGRATE_ON_START'] !== 'false') {
    await runMigrate(readMigrateSettings(env), (line) => log('info', `db:migrate: ${line}`));
  } else log('info', 'db:migrate skipped (CAIRN_MIGRATE_ON_START=false)');

  const args = processes.processes ? ['--processes', String(processes.processes)] : [];
  const apps = [startApp('api', env, args), startApp('worker', env, args)];
  log('info', `started the API (pid ${apps[0]!.child.pid}) and the worker (pid ${apps[1]!.child.pid})`);

  let stopping = false;
  const stopAll = async (): Promise<boolean> => {
    stopping = true;
    setTimeout(() => {
      log('error', `the apps did not stop within ${STOP_TIMEOUT_MS / 1000} s: killing them`);
      for (const a of apps) a.child.kill('SIGKILL');
    }, STOP_TIMEOUT_MS).unref();
    for (const a of apps) if (a.child.exitCode === null && a.child.signalCode === null) a.child.kill('SIGTERM');
    const exits = await Promise.all(apps.map((a) => a.exited));
    return exits.every((e) => e.code === 0);
  };

  return new Promise<number>((resolve) => {
    for (const sig of ['SIGTERM', 'SIGINT'] as const) {
      process.on(sig, () => {
        if (stopping) return;
        log('info', `${sig}: stopping the API and the worker (requests and jobs in flight finish first)`);
        void stopAll().then((clean) => {
          log(clean ? 'info' : 'error', clean ? 'stopped cleanly' : 'stopped with errors');
          resolve(clean ? 0 : 1);
        });
      });
    }
    for (const a of apps) {
      void a.exited.then(({ code, signal }) => {
        if (stopping) return;
        log('error', `the ${a.name} exited on its own (${signal ?? `exit ${code}`}): stopping the other`);
        void stopAll().then(() => resolve(1));
      });
    }
  });
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : String(e));
    process.exit(1);
  },
);
