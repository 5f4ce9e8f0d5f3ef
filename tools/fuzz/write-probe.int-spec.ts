import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

import { createScratchDatabase, ScratchDatabase } from '../testing/test-db';
import { WriteProbe } from './write-probe';

// A migrated scratch database of its own: nothing else writes to it, which the probe relies on.
let db: ScratchDatabase;
let owner: Pool;
let probe: WriteProbe;

beforeAll(async () => {
  db = await createScratchDatabase({ prefix: 'cairn_write_probe', migrate: true });
  owner = new Pool({ connectionString: db.ownerUrl, max: 1 });
  probe = await WriteProbe.create(db.ownerUrl);
});
afterAll(async () => {
  await probe?.close();
  await owner?.end();
  await db?.drop();
});

describe('WriteProbe', () => {
  const id = randomUUID();

  it('reports nothing when nothing was written, reads included', async () => {
    await owner.query('SELECT count(*) FROM pf_organizations');
    expect(await probe.changedTables()).toEqual([]);
  });

  it('reports an insert, once', async () => {
    await owner.query(`INSERT INTO pf_organizations (id, name, slug) VALUES ($1, 'Probe', $2)`, [id, `probe-${id}`]);
    expect(await probe.changedTables()).toEqual(['pf_organizations']);
    expect(await probe.changedTables()).toEqual([]);
  });

  it('reports an update that leaves the row count alone', async () => {
    await owner.query(`UPDATE pf_organizations SET name = 'Probe 2' WHERE id = $1`, [id]);
    expect(await probe.changedTables()).toEqual(['pf_organizations']);
  });

  it('reports a delete', async () => {
    await owner.query('DELETE FROM pf_organizations WHERE id = $1', [id]);
    expect(await probe.changedTables()).toEqual(['pf_organizations']);
  });

  it('reports nothing for a rolled-back write', async () => {
    const client = await owner.connect();
    try {
      await client.query('BEGIN');
      await client.query(`INSERT INTO pf_organizations (id, name, slug) VALUES ($1, 'Gone', $2)`, [randomUUID(), `gone-${id}`]);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await probe.changedTables()).toEqual([]);
  });
});
