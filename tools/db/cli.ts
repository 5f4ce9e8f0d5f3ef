import { MigrateSettingsError, readMigrateSettings, runMigrate } from './migrate-command';
import { createMigration, migrationStatus } from './migrations';
import { ownerUrlFromEnv } from './owner-url';

/**
 * npm run db:migrate | db:diff -- <name> | db:status, through Prisma's WebAssembly schema engine (ADR 0001).
 * Connects as the owner role: DATABASE_OWNER_URL, or DATABASE_URL's server and database with cairn_owner.
 * `migrate` also creates the roles (with DATABASE_ADMIN_URL) and checks the app role (migrate-command.ts); the
 * compiled copy in dist/tools/db/cli.js runs the same in a production image.
 * Exit codes: 0 done / up to date, 1 failed / not up to date, 2 usage or settings.
 */
const USAGE = 'Usage: npm run db:migrate | npm run db:diff -- <name_of_the_change> | npm run db:status';

function ownerUrl(): string {
  const url = ownerUrlFromEnv();
  if (!url) throw new UsageError('Set DATABASE_OWNER_URL (or DATABASE_URL) to the database to migrate. `npm start` does this for you.');
  return url;
}

class UsageError extends Error {}

/** Engine errors end with a Rust backtrace ("0: schema_engine_wasm::..."): keep the message above it. */
function message(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  const lines = text.split('\n');
  const cut = lines.findIndex((l) => /^\s*\d+: schema_engine/.test(l));
  return (cut === -1 ? lines : lines.slice(0, cut)).join('\n').trim();
}

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  switch (command) {
    case 'migrate': {
      await runMigrate(readMigrateSettings(process.env), (line) => console.log(`[db:migrate] ${line}`));
      console.log('[db:migrate] done');
      return 0;
    }
    case 'diff': {
      if (!name) throw new UsageError('Usage: npm run db:diff -- <name_of_the_change>   (lower-case words joined by underscores)');
      const { folder, sql } = await createMigration(ownerUrl(), name);
      console.log(`Wrote prisma/migrations/${folder}/migration.sql (${sql.trimEnd().split('\n').length} lines).`);
      console.log('Review it, add RLS policies and grants for new tenant tables, then run npm run db:migrate.');
      return 0;
    }
    case 'status': {
      const s = await migrationStatus(ownerUrl());
      if (s.upToDate) {
        console.log('Database schema is up to date.');
        return 0;
      }
      if (s.failed.length) console.log(`Failed (fix the database, then mark it resolved): ${s.failed.join(', ')}`);
      if (s.edited.length) console.log(`Edited after being applied: ${s.edited.join(', ')}`);
      if (s.unknownInDatabase.length) console.log(`Applied but missing from prisma/migrations: ${s.unknownInDatabase.join(', ')}`);
      if (s.pending.length) console.log(`${s.pending.length} pending (run npm run db:migrate):\n  ${s.pending.join('\n  ')}`);
      return 1;
    }
    default:
      throw new UsageError(USAGE);
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(message(e));
    process.exit(e instanceof UsageError || e instanceof MigrateSettingsError ? 2 : 1);
  },
);
