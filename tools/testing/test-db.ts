import { Pool } from 'pg';

import { applyMigrations, MigrationPaths } from '../db/migrations';
import { dropDatabase, provisionDatabase, ProvisionedDatabase } from '../db/provision';
import { adminUrlFromEnv } from './test-env';

/**
 * Helpers for int-tier tests. setup-env.ts has pointed process.env at this run's database:
 * DATABASE_URL (app role), DATABASE_OWNER_URL, DATABASE_ADMIN_URL and TEST_SERVER_ADMIN_URL.
 */
function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: this helper runs in jest's int project (tools/testing/setup-env.ts sets it)`);
  return value;
}

/** A pool as the owner role (migrations, fixtures that bypass RLS). Close it with `end()`. */
export function ownerPool(max = 2): Pool {
  return new Pool({ connectionString: requireEnv('DATABASE_OWNER_URL'), max });
}

/** A pool as the app role: NOBYPASSRLS, DML grants only, exactly what the API and worker use. Close it with `end()`. */
export function appPool(max = 2): Pool {
  return new Pool({ connectionString: requireEnv('DATABASE_URL'), max });
}

export interface ScratchDatabase extends ProvisionedDatabase {
  /** Drops the database (WITH (FORCE)); safe to call twice. */
  drop(): Promise<void>;
}

/** A database name unique to this process and moment, safe as an identifier. */
export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
}

/**
 * A database of its own for a test: provisioned with the owner and app roles, empty unless `migrate` is set.
 * If migrating fails the database is dropped before the error is thrown. Call `drop()` in afterAll.
 */
export async function createScratchDatabase(
  opts: { prefix?: string; migrate?: boolean; serverAdminUrl?: string } & MigrationPaths = {},
): Promise<ScratchDatabase> {
  const serverAdminUrl = opts.serverAdminUrl ?? process.env['TEST_SERVER_ADMIN_URL'] ?? adminUrlFromEnv();
  const database = uniqueDatabaseName(opts.prefix ?? 'cairn_scratch');
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await dropDatabase(serverAdminUrl, database);
  };
  try {
    const db = await provisionDatabase({ adminUrl: serverAdminUrl, database });
    if (opts.migrate) await applyMigrations(db.ownerUrl, { migrationsDir: opts.migrationsDir, schemaDir: opts.schemaDir });
    return { ...db, drop };
  } catch (e) {
    await drop().catch(() => undefined);
    throw e;
  }
}
