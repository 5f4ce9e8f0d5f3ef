import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import { Client } from 'pg';

/**
 * Prisma's WebAssembly schema engine, loaded by hand (the package targets bundlers; see TOOLCHAIN.md and
 * docs/adr/0001-offline-migrations.md). It does what `prisma migrate deploy/diff/status` do with the native
 * engine, which cannot be downloaded here, and writes the same _prisma_migrations table.
 */

const ROOT = join(__dirname, '..', '..');
// Found through Node's resolution (not a path under ROOT) so that the compiled CLI in dist/ finds it too.
const PKG = dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));

// Minimal typing of the engine API we use.
export interface MigrationDirectory {
  path: string;
  migrationFile: { path: string; content: { tag: 'ok'; value: string } };
}
export interface MigrationsList {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: MigrationDirectory[];
}
export interface SchemaEngine {
  applyMigrations(input: { migrationsList: MigrationsList; filters: Filters }): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout?: string }>;
  diagnoseMigrationHistory(input: {
    migrationsList: MigrationsList;
    optInToShadowDatabase: boolean;
    filters: Filters;
  }): Promise<DiagnoseResult>;
  free(): void;
}
export interface Filters {
  externalTables: string[];
  externalEnums: string[];
}
export interface DiagnoseResult {
  drift: unknown;
  history: null | { tag: string; unpersistedMigrationNames?: string[]; unappliedMigrationNames?: string[]; [k: string]: unknown };
  failedMigrationNames: string[];
  editedMigrationNames: string[];
  errorInUnappliedMigration: unknown;
  hasMigrationsTable: boolean;
}

export const FILTERS: Filters = { externalTables: [], externalEnums: [] };

interface WasmApi {
  instantiate(bytes: Uint8Array, imports: Record<string, unknown>): Promise<{ instance: { exports: Record<string, unknown> } }>;
}

/** The last panic message of the engine, if it panicked. */
export let lastPanic: string | undefined;

let loaded: Promise<{ SchemaEngine: { new: (...args: unknown[]) => Promise<SchemaEngine> } }> | undefined;

async function loadWasm() {
  loaded ??= (async () => {
    // wasm-bindgen reports Rust panics through this global; keep the message so the error says what failed.
    const g = globalThis as unknown as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(m: string): void } };
    g.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (m: string) => (lastPanic = m) };
    // require(esm) works on Node >= 20.19; the module exports the wasm-bindgen glue.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bg = require(join(PKG, 'schema_engine_bg.js')) as Record<string, unknown> & {
      __wbg_set_wasm: (exports: unknown) => void;
      SchemaEngine: { new: (...args: unknown[]) => Promise<SchemaEngine> };
    };
    const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
    const { instance } = await wasm.instantiate(readFileSync(join(PKG, 'schema_engine_bg.wasm')), {
      './schema_engine_bg.js': withUnrefTimers(bg),
    });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports['__wbindgen_start'] as () => void)();
    return bg;
  })();
  return loaded;
}

/**
 * The engine arms timers (e.g. a 10 s advisory-lock timeout in applyMigrations) and never clears them, which
 * kept a finished CLI or Jest process alive for ~10 s. Its timers are unref'd: while it works, its open
 * connections keep the process alive anyway.
 */
function withUnrefTimers(bg: Record<string, unknown>): Record<string, unknown> {
  const imports: Record<string, unknown> = { ...bg };
  for (const key of Object.keys(imports)) {
    if (!key.startsWith('__wbg_setTimeout_')) continue;
    imports[key] = (fn: () => void, ms: number) => setTimeout(fn, ms >>> 0).unref();
  }
  return imports;
}

/** Connection fields: passed separately, never as a connection string (see TOOLCHAIN.md, pitfall 1). */
export function connectionFields(url: string) {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname) || '127.0.0.1',
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password) || undefined,
    database: decodeURIComponent(u.pathname.slice(1)),
  };
}

/** The datamodel: every .prisma file under prisma/schema. */
export function readDatamodel(schemaDir = join(ROOT, 'prisma', 'schema')): [string, string][] {
  return readdirSync(schemaDir)
    .filter((f) => f.endsWith('.prisma'))
    .sort()
    .map((f) => [join(schemaDir, f), readFileSync(join(schemaDir, f), 'utf8')]);
}

/** The parts of adapter-pg's adapter that the fixes below touch. */
type Adapter = {
  dispose(): Promise<void>;
  performIO?: (q: object) => Promise<{ fields: { dataTypeID: number }[] }>;
  queryRaw?: (q: object) => Promise<{ columnTypes: number[] }>;
  executeScript(sql: string): Promise<void>;
  underlyingDriver(): { query(sql: string): Promise<unknown> };
  onError(e: unknown): never;
};

const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
const COLUMN_TYPE_CHARACTER = 6; // ColumnTypeEnum.Character of @prisma/driver-adapter-utils

/**
 * Two fixes to adapter-pg for the schema engine: (1) Postgres's internal "char" (OID 18), used by the engine's
 * catalogue queries, is something adapter-pg cannot read: it is read as text and reported to the engine as a
 * Character column (what the engine's describer expects, e.g. for pg_constraint.contype); (2) a migration
 * script is sent whole in one simple-protocol query, as the native engine does (adapter-pg splits scripts on
 * ';', which breaks dollar-quoted function bodies), so a script also applies all-or-nothing.
 */
function readCharAsText(adapter: Adapter): Adapter {
  adapter.executeScript = async (script: string) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (e) {
      adapter.onError(e);
    }
  };
  const charColumns = new WeakMap<object, number[]>();
  const perform = adapter.performIO?.bind(adapter);
  if (perform) {
    adapter.performIO = async (q) => {
      const result = await perform(q);
      const idx: number[] = [];
      result.fields.forEach((f, i) => {
        if (f.dataTypeID === PG_CHAR_OID) {
          f.dataTypeID = PG_TEXT_OID;
          idx.push(i);
        }
      });
      if (idx.length) charColumns.set(q, idx);
      return result;
    };
  }
  const queryRaw = adapter.queryRaw?.bind(adapter);
  if (queryRaw) {
    adapter.queryRaw = async (q) => {
      const result = await queryRaw(q);
      for (const i of charColumns.get(q) ?? []) result.columnTypes[i] = COLUMN_TYPE_CHARACTER;
      return result;
    };
  }
  return adapter;
}

/** What one engine session opened: adapters whose pools must be closed, shadow databases not yet dropped. */
interface Opened {
  adapters: Adapter[];
  shadows: Set<string>;
}

/**
 * An adapter factory around PrismaPg that (1) reads "char" as text, (2) creates shadow databases with the
 * same connection fields (pitfall 1) and drops them WITH (FORCE) after closing their pool (pitfall 2), and
 * (3) records every pool and shadow database so withSchemaEngine can clean up even when the engine fails
 * before disposing them (pitfall 4).
 */
function adapterFactory(url: string, opened: Opened) {
  // allowExitOnIdle: a connection the engine leaves idle must not keep a CLI process alive (pitfall 4).
  const fields = { ...connectionFields(url), allowExitOnIdle: true, idleTimeoutMillis: 1000 };
  const inner = new PrismaPg(fields);
  return {
    provider: 'postgres' as const,
    adapterName: inner.adapterName,
    async connect() {
      const adapter = readCharAsText((await inner.connect()) as unknown as Adapter);
      opened.adapters.push(adapter);
      return adapter;
    },
    async connectToShadowDb() {
      const database = shadowDatabaseName();
      await executeOnce(fields, `CREATE DATABASE "${database}"`);
      opened.shadows.add(database);
      const shadow = readCharAsText((await new PrismaPg({ ...fields, database }).connect()) as unknown as Adapter);
      opened.adapters.push(shadow);
      const dispose = shadow.dispose.bind(shadow);
      let disposed = false;
      shadow.dispose = async () => {
        if (disposed) return;
        disposed = true;
        await dispose();
        await dropShadow(fields, opened, database);
      };
      return shadow;
    },
  };
}

type Fields = ReturnType<typeof connectionFields>;

/** Names carry the process id so a test can tell its own shadow databases from a concurrent run's. */
export const SHADOW_PREFIX = 'prisma_migrate_shadow_db_';
function shadowDatabaseName(): string {
  return `${SHADOW_PREFIX}p${process.pid}_${randomUUID().replace(/-/g, '').slice(0, 24)}`;
}

/** One statement on a short-lived connection of its own (CREATE/DROP DATABASE cannot share the engine's pools). */
async function executeOnce(fields: Fields, sql: string): Promise<void> {
  const client = new Client(fields);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function dropShadow(fields: Fields, opened: Opened, database: string): Promise<void> {
  if (!opened.shadows.delete(database)) return;
  await executeOnce(fields, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
}

export interface SchemaEngineOptions {
  /** Folder of the .prisma files (default prisma/schema). */
  schemaDir?: string;
  /** Receives the engine's log lines (JSON). */
  log?: (line: string) => void;
}

/**
 * Opens an engine on the database at `url` and runs fn. Always frees the engine, then closes every pool it
 * opened (engine.free() alone leaves them open and the process hangs; pitfall 4), then drops any shadow
 * database the engine did not dispose of itself (it does not when a migration fails in the shadow database).
 */
export async function withSchemaEngine<T>(
  url: string,
  fn: (engine: SchemaEngine) => Promise<T>,
  opts: SchemaEngineOptions = {},
): Promise<T> {
  const { SchemaEngine } = await loadWasm();
  const opened: Opened = { adapters: [], shadows: new Set() };
  const factory = adapterFactory(url, opened);
  const log = opts.log ?? (() => undefined);
  const cleanUp = async () => {
    await Promise.all(opened.adapters.map((a) => a.dispose().catch(() => undefined)));
    const fields = connectionFields(url);
    for (const database of [...opened.shadows]) await dropShadow(fields, opened, database).catch(() => undefined);
  };
  let engine: SchemaEngine;
  try {
    engine = await SchemaEngine.new(
      { datamodels: readDatamodel(opts.schemaDir) },
      (line: string) => log(line),
      bindMigrationAwareSqlAdapterFactory(factory as unknown as Parameters<typeof bindMigrationAwareSqlAdapterFactory>[0]),
    );
  } catch (e) {
    await cleanUp();
    throw e;
  }
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await cleanUp();
  }
}
