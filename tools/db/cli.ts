import { applyMigrations, createMigration, migrationStatus } from './migrations';

/**
 * npm run db:migrate | db:diff -- <name> | db:status. Connects as the owner role: DATABASE_OWNER_URL, or
 * DATABASE_URL's server and database with the cairn_owner role.
 */
function ownerUrl(): string {
  const explicit = process.env['DATABASE_OWNER_URL'];
  if (explicit) return explicit;
  const base = process.env['DATABASE_URL'];
  if (!base) {
    console.error('Set DATABASE_OWNER_URL (or DATABASE_URL) to the database to migrate. `npm start` does this for you.');
    process.exit(2);
  }
  const u = new URL(base);
  u.username = 'cairn_owner';
  u.password = process.env['CAIRN_OWNER_PASSWORD'] ?? 'cairn_owner';
  return u.toString();
}

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  switch (command) {
    case 'migrate': {
      const { applied } = await applyMigrations(ownerUrl());
      console.log(applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join('\n  ')}` : 'No pending migrations.');
      return 0;
    }
    case 'diff': {
      if (!name) {
        console.error('Usage: npm run db:diff -- <name_of_the_change>   (lower-case words joined by underscores)');
        return 2;
      }
      const { folder, sql } = await createMigration(ownerUrl(), name);
      console.log(`Wrote prisma/migrations/${folder}/migration.sql (${sql.split('\n').length} lines). Add RLS policies and grants for new tenant tables.`);
      return 0;
    }
    case 'status': {
      const s = await migrationStatus(ownerUrl());
      if (s.upToDate) console.log('Database schema is up to date.');
      if (s.pending.length) console.log(`Pending: ${s.pending.join(', ')}`);
      if (s.edited.length) console.log(`Edited after being applied: ${s.edited.join(', ')}`);
      if (s.failed.length) console.log(`Failed: ${s.failed.join(', ')}`);
      if (s.unknownInDatabase.length) console.log(`Applied but missing from prisma/migrations: ${s.unknownInDatabase.join(', ')}`);
      return s.upToDate ? 0 : 1;
    }
    default:
      console.error('Usage: db-cli migrate | diff <name> | status');
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
