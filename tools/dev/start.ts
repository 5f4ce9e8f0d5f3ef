import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

import { ensureCheckpointKey } from '@cairn/platform/audit';

import { applyMigrations } from '../db/migrations';
import { provisionDatabase } from '../db/provision';
import { DEMO_LOGINS, DEMO_PASSWORD } from '../seed/demo-catalogue';
import { DEMO_PORTAL_CLIENTS } from '../seed/demo-portal';
import { demoReviewPending, runDemoReview } from '../seed/demo-review';
import { seedDemoData } from '../seed/seed-demo-data';
import { formatBanner } from './launcher-banner';
import { databaseTarget, LauncherSettings, readLauncherSettings, signingSecret } from './launcher-settings';
import { socketUrl, startLocalPostgres } from './local-postgres';
import { ensureRedis, redact } from './local-redis';
import { ManagedProcess } from './managed-process';
import { httpStatus, portInUse, waitUntil } from './probes';

/**
 * `npm start`: PostgreSQL (DATABASE_URL, else an embedded one in .data/pg), migrations, the demo data once,
 * the installation's own token-signing secret (JWT_SECRET, else one made once and kept in .data/jwt-secret),
 * Redis (REDIS_URL, else a redis-server we start), then the API, the worker, the staff web and the client portal (Vite) as child processes
 * (`npm start -- --processes N`: N API processes on API_PORT and N worker processes on WORKER_PORT, WORKER_PORT + 1, ...,
 * each app's group supervised by its own primary, docs/operations/scaling.md). Ctrl-C stops
 * everything it started, apps first and the database last; if an app dies, everything stops and the launcher
 * exits non-zero with the app's last output.
 */
const ROOT = join(__dirname, '..', '..');
const say = (message: string) => console.log(`[cairn] ${message}`);

interface AppSpec {
  name: string;
  /** How many processes (the app's own `--processes`); the worker's have a port each from `port` up. */
  processes?: number;
  portsPerProcess?: boolean;
  /** Node arguments: a TypeScript entry point through @swc-node/register, or a tool's script. */
  args: string[];
  port: number;
  portVariable: string;
  healthPath: string;
}

const VITE = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');

function appsToRun(s: LauncherSettings): AppSpec[] {
  return [
    {
      name: 'api',
      args: ['-r', '@swc-node/register', 'apps/api/src/main.ts', '--processes', String(s.apiProcesses)],
      processes: s.apiProcesses,
      port: s.apiPort,
      portVariable: 'API_PORT',
      healthPath: '/health',
    },
    {
      name: 'worker',
      args: ['-r', '@swc-node/register', 'apps/worker/src/main.ts', '--processes', String(s.workerProcesses)],
      processes: s.workerProcesses,
      portsPerProcess: true,
      port: s.workerPort,
      portVariable: 'WORKER_PORT',
      healthPath: '/health',
    },
    // The staff web's Vite dev server, proxying /api to the API on API_PORT (apps/staff-web/vite.config.mts).
    {
      name: 'staff web',
      args: [VITE, '--config', 'apps/staff-web/vite.config.mts', '--port', String(s.staffWebPort)],
      port: s.staffWebPort,
      portVariable: 'STAFF_WEB_PORT',
      healthPath: '/',
    },
    // The client portal's Vite dev server, proxying /api to the same API (apps/portal-web/vite.config.mts).
    {
      name: 'client portal',
      args: [VITE, '--config', 'apps/portal-web/vite.config.mts', '--port', String(s.portalWebPort)],
      port: s.portalWebPort,
      portVariable: 'PORTAL_WEB_PORT',
      healthPath: '/',
    },
  ];
}

/** The ports an app listens on: one shared by all its processes, or one per process from `port` up. */
function portsOf(app: AppSpec): number[] {
  return app.portsPerProcess ? Array.from({ length: app.processes ?? 1 }, (_, i) => app.port + i) : [app.port];
}

async function demoDataPresent(ownerUrl: string): Promise<boolean> {
  const db = new Client({ connectionString: ownerUrl });
  await db.connect();
  try {
    const emails = DEMO_LOGINS.map((l) => l.email);
    const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pf_staff_users WHERE email = ANY($1)', [emails]);
    return r.rows[0]?.n === emails.length;
  } finally {
    await db.end();
  }
}

class Launcher {
  private stopping?: Promise<number>;
  private flow?: Promise<void>;
  private readonly cleanups: { name: string; run: () => Promise<void> }[] = [];
  private readonly apps: ManagedProcess[] = [];

  start(): void {
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      process.on(sig, () => {
        // npm and the bootstrap forward the terminal's Ctrl-C as well, so a repeat is expected and ignored.
        if (this.stopping) return;
        say(`${sig}: stopping everything...`);
        void this.stop(0);
      });
    }
    // The terminal or the process reading our output went away: shut down in order rather than crash on EPIPE.
    for (const stream of [process.stdout, process.stderr]) stream.on('error', () => void this.stop(1));
    this.flow = this.run().catch((e: unknown) => {
      if (this.stopping) return;
      console.error(`\n[cairn] ${e instanceof Error ? e.message : String(e)}`);
      void this.stop(1);
    });
  }

  private async run(): Promise<void> {
    const s = readLauncherSettings(process.env, ROOT, process.argv.slice(2));
    mkdirSync(s.dataDir, { recursive: true });
    const jwt = signingSecret(process.env, s.dataDir);
    if (jwt.source === 'created') say(`made this installation's access-token signing secret in ${jwt.file} (readable by you only)`);

    const redis = await ensureRedis({ url: s.redisUrl, dir: join(s.dataDir, 'redis') });
    if (redis.started) {
      this.own('redis-server', redis.started.stop);
      say(`no Redis answered at ${redact(s.redisUrl)}: started redis-server at ${redis.url} (stops with npm start)`);
    } else say(`Redis at ${redact(redis.url)}`);
    if (this.stopping) return;

    let serverAdminUrl: string;
    let database: string;
    let databaseLabel: string;
    let socketDir: string | undefined;
    if (s.databaseUrl) {
      ({ serverAdminUrl, database } = databaseTarget(s.databaseUrl));
      databaseLabel = `database "${database}" on ${redact(serverAdminUrl).replace(/\/postgres$/, '')}`;
      say(`using the PostgreSQL server in DATABASE_URL, database "${database}"`);
    } else {
      const dataDir = join(s.dataDir, 'pg');
      say(`starting the embedded PostgreSQL (data in ${dataDir}, port ${s.pgPort})...`);
      const pg = await startLocalPostgres({ dataDir, port: s.pgPort, socketDir: join(s.dataDir, 'pg-socket') });
      this.own('postgres', pg.stop);
      socketDir = pg.socketDir;
      serverAdminUrl = pg.adminUrl;
      database = 'cairn';
      databaseLabel = `embedded PostgreSQL at 127.0.0.1:${s.pgPort}, database "cairn" (data in ${dataDir})`;
    }
    if (this.stopping) return;

    const db = await provisionDatabase({ adminUrl: serverAdminUrl, database });
    const { applied } = await applyMigrations(db.ownerUrl);
    say(applied.length ? `applied ${applied.length} migration(s): ${applied.join(', ')}` : 'database schema is up to date');
    if (this.stopping) return;
    if (await demoDataPresent(db.ownerUrl)) say('demo data already loaded');
    else {
      say('loading demo data (scale small)...');
      await seedDemoData({ ownerUrl: db.ownerUrl, scale: 'small', seed: 1, onProgress: (m) => say(`  ${m}`) });
    }
    if (this.stopping) return;

    const apps = appsToRun(s);
    for (const app of apps) {
      for (const port of portsOf(app)) {
        if (await portInUse(port)) {
          throw new Error(`Port ${port} for the ${app.name} is already in use (another npm start?). Stop it or set ${app.portVariable}.`);
        }
      }
    }
    // The audit checkpoint signing key of this installation (ADR 0009), unless one is configured.
    const checkpointKey =
      process.env['AUDIT_CHECKPOINT_KEY_FILE'] || ensureCheckpointKey(join(s.dataDir, 'audit-checkpoint-key.pem')).privateFile;
    const env: NodeJS.ProcessEnv = {
      AUDIT_CHECKPOINT_DIR: join(s.dataDir, 'audit-checkpoints'),
      ...process.env,
      AUDIT_CHECKPOINT_KEY_FILE: checkpointKey,
      NODE_ENV: process.env['NODE_ENV'] || 'development',
      LOG_LEVEL: process.env['LOG_LEVEL'] || 'warn',
      // The apps reach the embedded server over its Unix socket (cheaper than TCP loopback per round trip).
      DATABASE_URL: socketDir ? socketUrl(db.appUrl, socketDir) : db.appUrl,
      DATABASE_OWNER_URL: db.ownerUrl,
      REDIS_URL: redis.url,
      JWT_SECRET: jwt.secret,
      API_PORT: String(s.apiPort),
      WORKER_PORT: String(s.workerPort),
      STAFF_WEB_PORT: String(s.staffWebPort),
      PORTAL_WEB_PORT: String(s.portalWebPort),
    };
    for (const app of apps) {
      if (this.stopping) return;
      const child = new ManagedProcess({
        name: app.name,
        command: process.execPath,
        args: app.args,
        cwd: ROOT,
        env,
        tailLines: 25,
        onLine: (line) => console.log(`[${app.name}] ${line}`),
      });
      this.apps.push(child);
      void child.exited.then((exit) => {
        if (this.stopping) return;
        console.error(`\n[cairn] ${child.describeExit(exit)}. Its last output:\n  ${child.lastLines().join('\n  ') || '(none)'}`);
        void this.stop(1);
      });
    }
    say(`starting ${apps.map((a) => ((a.processes ?? 1) > 1 ? `${a.processes} ${a.name} processes` : a.name)).join(' and ')}...`);
    await Promise.all(
      apps.flatMap((app, i) =>
        portsOf(app).map((port) =>
          waitUntil(async () => (await httpStatus(`http://127.0.0.1:${port}${app.healthPath}`)) === 200, {
            what: `the ${app.name}'s ${app.healthPath} on port ${port} (CAIRN_START_TIMEOUT_SECONDS raises the limit)`,
            timeoutMs: s.startTimeoutSeconds * 1000,
            intervalMs: 250,
            abort: () => (this.stopping ? 'stopping' : this.apps[i]!.running ? undefined : `the ${app.name} stopped while starting`),
          }),
        ),
      ),
    );
    if (s.apiProcesses > 1 || s.workerProcesses > 1) {
      say(
        `${s.apiProcesses} API process(es) share port ${s.apiPort}; ${s.workerProcesses} worker process(es) on port(s) ${portsOf(apps.find((a) => a.name === 'worker')!).join(', ')}`,
      );
    }
    if (this.stopping) return;
    if (await demoReviewPending(db.ownerUrl)) {
      // The demo's group encounters are reviewed through the API once, so its charges come from the real pipeline.
      say('reviewing the demo group encounters (supervisors approve and reject through the API)...');
      try {
        const r = await runDemoReview({ apiUrl: `http://127.0.0.1:${s.apiPort}`, ownerUrl: db.ownerUrl });
        say(
          `  ${r.sessions} sessions reviewed: ${r.approved} approved, ${r.rejected} rejected, ${r.refused} left pending by the API (consent required or not billable)`,
        );
      } catch (e) {
        say(
          `  the demo review did not finish (${e instanceof Error ? e.message : String(e)}): the generations stay pending until the next start`,
        );
      }
    }
    if (this.stopping) return;
    console.log(
      formatBanner({
        apiPort: s.apiPort,
        workerPort: s.workerPort,
        webApps: apps.filter((a) => a.name !== 'api' && a.name !== 'worker').map((a) => ({ name: a.name, port: a.port })),
        database: databaseLabel,
        redis: redact(redis.url),
        logins: DEMO_LOGINS,
        portalLogins: DEMO_PORTAL_CLIENTS,
        password: DEMO_PASSWORD,
      }),
    );
  }

  /** Registers something to stop on the way out (stopped in reverse order, after the apps). */
  private own(name: string, run: () => Promise<void>): void {
    this.cleanups.push({ name, run });
  }

  stop(code: number): Promise<number> {
    if (this.stopping) return this.stopping;
    // Never hang on the way out: whatever is still running after this is killed with its process group.
    setTimeout(() => {
      console.error('[cairn] shutdown took too long: killing what is left');
      process.exit(code || 1);
    }, 75_000).unref();
    this.stopping = (async () => {
      // The start-up sequence checks `stopping` between steps; let it reach one so it starts nothing more.
      await Promise.race([this.flow, new Promise((r) => setTimeout(r, 10_000))]);
      let exitCode = code;
      await Promise.all(
        this.apps.map(async (app) => {
          // The worker drains in-flight jobs for up to 25 s before it exits on its own.
          const exit = await app.stop({ signal: 'SIGTERM', timeoutMs: 30_000 });
          if (code === 0 && exit?.signal === 'SIGKILL') exitCode = 1;
        }),
      );
      for (const c of this.cleanups.reverse()) {
        await c.run().catch((e: unknown) => {
          console.error(`[cairn] stopping ${c.name} failed: ${e instanceof Error ? e.message : String(e)}`);
          exitCode = exitCode || 1;
        });
      }
      say(exitCode === 0 ? 'stopped.' : 'stopped (with errors).');
      return exitCode;
    })();
    void this.stopping.then((c) => process.exit(c));
    return this.stopping;
  }
}

new Launcher().start();
