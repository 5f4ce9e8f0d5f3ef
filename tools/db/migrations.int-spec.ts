import { Client } from 'pg';
import { dropDatabase, provisionDatabase } from './provision';
import { applyMigrations, diffToSchema, migrationStatus, normaliseDiff, readMigrations } from './migrations';

/** The offline migration tooling against real scratch databases (dropped afterwards). */
const serverAdminUrl = process.env['TEST_SERVER_ADMIN_URL']!;
const database = `cairn_mig_${process.pid}_${Date.now().toString(36)}`;
let ownerUrl: string;

beforeAll(async () => {
  ({ ownerUrl } = await provisionDatabase({ adminUrl: serverAdminUrl, database }));
});
afterAll(() => dropDatabase(serverAdminUrl, database));

describe('offline migrations', () => {
  it('applies every migration once and nothing on a second run', async () => {
    const first = await applyMigrations(ownerUrl);
    expect(first.applied).toEqual(readMigrations().migrationDirectories.map((m) => m.path));
    const second = await applyMigrations(ownerUrl);
    expect(second.applied).toEqual([]);
  });

  it('writes the same _prisma_migrations rows as prisma migrate deploy (sha256 checksums, finished)', async () => {
    const c = new Client({ connectionString: ownerUrl });
    await c.connect();
    try {
      const { rows } = await c.query<{ migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null }>(
        'SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY migration_name',
      );
      const { createHash } = await import('node:crypto');
      const expected = readMigrations().migrationDirectories.map((m) => ({
        migration_name: m.path,
        checksum: createHash('sha256').update(m.migrationFile.content.value).digest('hex'),
      }));
      expect(rows.map((r) => ({ migration_name: r.migration_name, checksum: r.checksum }))).toEqual(expected);
      expect(rows.every((r) => r.finished_at !== null && r.rolled_back_at === null)).toBe(true);
    } finally {
      await c.end();
    }
  });

  it('has no drift: the migrations produce exactly the schema files', async () => {
    expect(await diffToSchema(ownerUrl)).toBe('');
  });

  it('reports the database as up to date', async () => {
    expect(await migrationStatus(ownerUrl)).toMatchObject({ upToDate: true, pending: [], edited: [], failed: [] });
  });
});

describe('normaliseDiff', () => {
  it('treats comment-only engine output as no change', () => {
    expect(normaliseDiff('-- This is an empty migration.\n')).toBe('');
    expect(normaliseDiff('-- AlterTable\nALTER TABLE "x" ADD COLUMN "y" TEXT;\n')).toContain('ALTER TABLE');
  });
});
