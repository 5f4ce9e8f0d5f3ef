import 'reflect-metadata';

import { plainToInstance, Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateIf, validateSync } from 'class-validator';

import { productionProblems } from './production-rules';

/**
 * The signing secret of test runs (NODE_ENV=test) that set none. It is in this public repository, so it is
 * refused everywhere else, like every other value below.
 */
export const TEST_JWT_SECRET = 'cairn-test-only-signing-secret-refused-outside-tests-0123';

/**
 * Signing secrets that were ever published with Cairn (the old built-in development default, the example in
 * .env.example, the benchmarks' fixed value) and the test default: anyone can sign tokens with them.
 */
const PUBLISHED_JWT_SECRETS: ReadonlySet<string> = new Set([
  TEST_JWT_SECRET,
  'cairn-development-only-secret-change-me-0123456789',
  'change-me-to-a-long-random-secret-of-your-own',
  'bench-only-secret-bench-only-secret-0123',
]);

const JWT_SECRET_ADVICE =
  'set a random secret of your own of at least 32 characters (e.g. `openssl rand -base64 48`); `npm start` generates one per installation';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));

/**
 * Every environment variable Cairn reads, validated once at start-up. Nothing else in the code reads
 * process.env (CONVENTIONS §9); each variable is described in .env.example.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  /** Connection string of the login role the API and worker use (NOBYPASSRLS, DML grants only). */
  @IsString()
  @MinLength(1, { message: 'DATABASE_URL must be a PostgreSQL connection string for the app role' })
  DATABASE_URL!: string;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @IsString()
  REDIS_URL = 'redis://127.0.0.1:6379';

  /**
   * Prefix of every BullMQ key (queues of several deployments, or of parallel test runs, never meet). Wrap it
   * in braces (`{cairn}`) on Redis Cluster so a queue's keys share a hash slot.
   */
  @IsString()
  @MinLength(1)
  QUEUE_PREFIX = 'cairn';

  /** Attempts of a job before it lands in the failed set, and the base delay of its exponential backoff. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(50)
  QUEUE_ATTEMPTS = 6;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(3_600_000)
  QUEUE_BACKOFF_MS = 2000;

  /** How long a worker's lock on an active job lasts; a job of a crashed worker is taken over after it. */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  QUEUE_LOCK_MS = 30_000;

  /**
   * How many times a job may be taken over from a worker that died holding it (a stalled job) before it goes to the
   * failed set. A worker's death stalls every job it held, up to QUEUE_CONCURRENCY of them waiting for a group
   * commit, so at 1 two deaths close together failed innocent jobs (the chaos run: 20 per queue). A job that itself
   * kills its worker still fails, after this many deaths plus one.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(20)
  QUEUE_MAX_STALLED = 3;

  /**
   * Jobs each consumer takes from BullMQ at once. Most of them wait for a group commit (QUEUE_TRANSACTIONS,
   * QUEUE_GROUP_COMMIT), so this is how many events can join the next transaction, not how many run in parallel.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  QUEUE_CONCURRENCY = 32;

  /**
   * Most events one consumer applies in one transaction (group commit; 1 turns it off). Events wait for a group only
   * while the consumer's QUEUE_TRANSACTIONS transactions are all busy, so an idle consumer adds no delay.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  QUEUE_GROUP_COMMIT = 16;

  /** Transactions each consumer runs at once (at most QUEUE_CONCURRENCY are useful). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(100)
  QUEUE_TRANSACTIONS = 2;

  /** The worker runs the outbox relay (true by default; false for a worker that only consumes). */
  @IsIn(['true', 'false'])
  OUTBOX_RELAY_ENABLED: 'true' | 'false' = 'true';

  /** The relay polls this often besides waking on LISTEN/NOTIFY, and claims up to this many rows at a time. */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(60_000)
  OUTBOX_POLL_MS = 1000;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(1000)
  OUTBOX_BATCH_SIZE = 200;

  /** Sent outbox rows are deleted after this many hours. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 365)
  OUTBOX_RETENTION_HOURS = 168;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  API_PORT = 3000;

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  WORKER_PORT = 3001;

  /**
   * How many API processes `apps/api/main` runs (Node's cluster module; they share API_PORT) and how many worker
   * processes `apps/worker/main` runs (each with its own health and metrics port: WORKER_PORT, WORKER_PORT + 1, ...).
   * `--processes N` on the command line overrides them. Every process uses the same PostgreSQL and Redis
   * (docs/operations/scaling.md).
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  API_PROCESSES = 1;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_PROCESSES = 1;

  /**
   * Signs the access tokens. Required: there is no built-in default outside tests (TEST_JWT_SECRET), and a
   * published value is refused (loadConfig).
   */
  @ValidateIf((c: AppConfig) => c.JWT_SECRET !== undefined) // unset: loadConfig says what to do instead
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET!: string;

  @Transform(toInt)
  @IsInt()
  @Min(30)
  @Max(3600)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(300)
  @Max(60 * 60 * 24 * 90)
  REFRESH_TTL_SECONDS = 60 * 60 * 24 * 14;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 5;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_IP = 30;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_WINDOW_SECONDS = 900;

  /**
   * How long (ms) the API may reuse a session's role grants without reading them again (0: never). Ended
   * sessions are dropped at once everywhere; role-binding changes made outside the API apply within this time.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(60_000)
  PRINCIPAL_CACHE_TTL_MS = 5000;

  /**
   * How long (ms) a process reuses code-library versions and resolved jurisdiction profiles (0: never). Only
   * migrations change them; a site's or organization's jurisdiction changed in the database applies within this time.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(300_000)
  REFERENCE_DATA_CACHE_TTL_MS = 30_000;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent' = 'info';

  @IsOptional()
  @IsIn(['true', 'false'])
  TRUST_PROXY?: 'true' | 'false';

  /**
   * Audit anchoring (ADR 0009): the worker appends a signed checkpoint of every audit chain's head to
   * `<AUDIT_CHECKPOINT_DIR>/audit-checkpoints.jsonl` every AUDIT_CHECKPOINT_INTERVAL_SECONDS (0: never), signed
   * with the Ed25519 private key in AUDIT_CHECKPOINT_KEY_FILE (PKCS#8 PEM; empty: no checkpoints). `npm start`
   * generates the key under .data/.
   */
  @IsString()
  AUDIT_CHECKPOINT_DIR = '.data/audit-checkpoints';

  @IsString()
  AUDIT_CHECKPOINT_KEY_FILE = '';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86_400)
  AUDIT_CHECKPOINT_INTERVAL_SECONDS = 300;

  /**
   * Dashboards update models (ADR 0017): the worker recomputes the sources of near-real-time metrics for today every
   * DASHBOARDS_NEAR_REAL_TIME_SECONDS (0: never), and every source for yesterday and today at
   * DASHBOARDS_BATCH_CRON (a cron pattern, in DASHBOARDS_BATCH_TIMEZONE; `off`: never). Real-time metrics follow
   * integration events and need no setting.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(86_400)
  DASHBOARDS_NEAR_REAL_TIME_SECONDS = 60;

  @IsString()
  @Matches(/^off$|^\S+( \S+){4,5}$/, { message: 'DASHBOARDS_BATCH_CRON must be a cron pattern of 5 or 6 fields, or off' })
  DASHBOARDS_BATCH_CRON = '0 2 * * *';

  @IsString()
  @MinLength(1)
  DASHBOARDS_BATCH_TIMEZONE = 'UTC';

  /**
   * Client portal session reviews (scenario 4): seconds after an appointment is completed before the client is
   * prompted to review it (a delayed BullMQ job of the worker). The seed's 24 hours by default; tests use seconds.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(7 * 86_400)
  PORTAL_SESSION_REVIEW_DELAY_SECONDS = 86_400;

  /**
   * The largest audio message a therapist may record or upload for a client (bytes; issue 19 item 4). At most
   * 50 MiB: the upload is held in memory and stored through the portal's FileStorage port.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1024)
  @Max(50 * 1024 * 1024)
  PORTAL_AUDIO_MAX_BYTES = 10 * 1024 * 1024;

  /** Seconds between heartbeat comments on GET /api/v1/dashboards/stream (proxies drop idle connections). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(300)
  DASHBOARDS_STREAM_HEARTBEAT_SECONDS = 15;

  /**
   * OpenTelemetry: when set (e.g. http://collector:4318), the API and the worker export their traces (a span per
   * cross-context performance-signal call) over OTLP/HTTP to `<endpoint>/v1/traces`. Unset: no exporter.
   */
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL' })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string = undefined;

  /** GET /metrics on the API and the worker (false: answered 404, as if absent). */
  @IsIn(['true', 'false'])
  METRICS_ENABLED: 'true' | 'false' = 'true';

  /** When set, /metrics answers only `Authorization: Bearer <METRICS_TOKEN>` (others get 401). */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'METRICS_TOKEN must be at least 16 characters' })
  METRICS_TOKEN?: string = undefined;

  /**
   * The staff web's built bundle (`npm run build`: dist/apps/staff-web) for the API to serve at `/`, with
   * immutable caching for hashed assets and no-cache for index.html. Empty: the API serves no web app.
   */
  @IsString()
  STAFF_WEB_DIR = '';

  /**
   * The API's origin as the staff web should call it (its /config.js), when that is not the origin the bundle is
   * served from. Unset: the page's own origin.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[^/?#\s]+\/?$/, { message: 'STAFF_WEB_API_URL must be an origin such as https://api.practice.example (no path)' })
  STAFF_WEB_API_URL?: string = undefined;

  /**
   * The client portal's built bundle (`npm run build`: dist/apps/portal-web), served to requests for PORTAL_WEB_HOST
   * only (its own origin: the portal's session storage and CSP never mix with the staff web's). Empty: not served.
   */
  @IsString()
  PORTAL_WEB_DIR = '';

  /**
   * The host name the client portal is served on (e.g. portal.practice.example; portal.localhost on one machine),
   * compared with the request's Host (X-Forwarded-Host behind TRUST_PROXY). Required with PORTAL_WEB_DIR.
   */
  @ValidateIf((c: AppConfig) => c.PORTAL_WEB_DIR !== '')
  @IsString({ message: 'PORTAL_WEB_HOST is required with PORTAL_WEB_DIR (the host name the portal is served on)' })
  @Matches(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/, {
    message: 'PORTAL_WEB_HOST must be a lower-case host name such as portal.practice.example (no scheme, port or path)',
  })
  PORTAL_WEB_HOST?: string = undefined;

  /** The OpenAPI UI and document at /api/docs and /api/docs-json. Unset: served except in production. */
  @IsOptional()
  @IsIn(['true', 'false'])
  API_DOCS_ENABLED?: 'true' | 'false' = undefined;
}

/** Whether the API serves /api/docs: API_DOCS_ENABLED, or by default everywhere but production. */
export function apiDocsEnabled(config: Pick<AppConfig, 'API_DOCS_ENABLED' | 'NODE_ENV'>): boolean {
  return config.API_DOCS_ENABLED ? config.API_DOCS_ENABLED === 'true' : config.NODE_ENV !== 'production';
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the environment. Throws ConfigError with one line per bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const input: Record<string, string> = {};
  for (const key of [...known, 'DATABASE_URL', 'JWT_SECRET', 'TRUST_PROXY']) {
    const value = env[key];
    if (value !== undefined && value !== '') input[key] = value;
  }
  if (input['NODE_ENV'] === 'test' && input['JWT_SECRET'] === undefined) input['JWT_SECRET'] = TEST_JWT_SECRET;
  const config = plainToInstance(AppConfig, input, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  const problems = errors.flatMap((e) => Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`));
  if (config.JWT_SECRET === undefined) {
    problems.push(`JWT_SECRET: is required; ${JWT_SECRET_ADVICE}`);
  } else if (config.NODE_ENV !== 'test' && PUBLISHED_JWT_SECRETS.has(config.JWT_SECRET.trim())) {
    problems.push(`JWT_SECRET: is a published example or development value that anyone can sign tokens with; ${JWT_SECRET_ADVICE}`);
  }
  if (config.NODE_ENV === 'production') problems.push(...productionProblems(env));
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/**
 * For a process entry point (API, worker): the validated configuration, or the problems printed one per line
 * and exit code 2, so a bad variable stops the process with a message instead of a stack trace.
 */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (e) {
    console.error(e instanceof ConfigError ? e.message : e);
    return process.exit(2);
  }
}
