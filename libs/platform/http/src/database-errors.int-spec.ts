import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import { Client } from 'pg';

import { PrismaClient } from '@cairn/platform/db';

import { mapException } from './problem-details.filter';

// The problem filter's mapping of real database failures, raised by the real client against this run's database.
const owner = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env['DATABASE_OWNER_URL']! }) });
const app = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env['DATABASE_URL']! }) });

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected the operation to fail');
}

afterAll(async () => {
  await owner.$disconnect();
  await app.$disconnect();
});

describe('database errors as problems', () => {
  it('maps a unique violation (P2002) to 409 unique-violation', async () => {
    const slug = `dup-${randomUUID()}`;
    const first = await owner.organization.create({ data: { id: randomUUID(), name: 'Dup Org', slug } });
    try {
      const e = await caught(owner.organization.create({ data: { id: randomUUID(), name: 'Dup Org', slug } }));
      expect(mapException(e)).toMatchObject({ status: 409, slug: 'unique-violation' });
    } finally {
      await owner.organization.delete({ where: { id: first.id } });
    }
  });

  it('maps a foreign key violation (P2003) to 409 reference-conflict', async () => {
    const e = await caught(owner.site.create({ data: { organizationId: randomUUID(), id: randomUUID(), code: 'X', name: 'Nowhere' } }));
    expect(mapException(e)).toMatchObject({ status: 409, slug: 'reference-conflict' });
  });

  it('maps a missing record (P2025) to 404', async () => {
    const e = await caught(owner.organization.update({ where: { id: randomUUID() }, data: { name: 'Gone' } }));
    expect(mapException(e)).toMatchObject({ status: 404, detail: 'The record was not found.' });
  });

  it('maps text PostgreSQL cannot store (U+0000, 22021) to 400 invalid-text, through Prisma and through plain pg', async () => {
    const e = await caught(owner.organization.create({ data: { id: randomUUID(), name: 'Nul\u0000Org', slug: `nul-${randomUUID()}` } }));
    expect(mapException(e)).toMatchObject({ status: 400, slug: 'invalid-text' });
    const client = new Client({ connectionString: process.env['DATABASE_OWNER_URL'] });
    await client.connect();
    try {
      expect(mapException(await caught(client.query('SELECT $1::text', ['a\u0000b'])))).toMatchObject({
        status: 400,
        slug: 'invalid-text',
      });
    } finally {
      await client.end();
    }
  });

  it('maps a row-level security refusal (42501) to 403 without passing on the database message', async () => {
    // The app role may INSERT here, but with no tenant context the policy refuses every row.
    const e = await caught(app.mrnCounter.create({ data: { organizationId: randomUUID() } }));
    const mapped = mapException(e);
    expect(mapped).toMatchObject({ status: 403 });
    expect(mapped.detail).not.toMatch(/cl_mrn_counters|policy/);
  });

  it('maps a missing grant (42501 insufficient_privilege) to 403', async () => {
    const e = await caught(app.organization.create({ data: { id: randomUUID(), name: 'Nope', slug: `nope-${randomUUID()}` } }));
    expect(mapException(e)).toMatchObject({ status: 403 });
  });

  it('maps the same refusal raised through plain pg to 403', async () => {
    const client = new Client({ connectionString: process.env['DATABASE_URL'] });
    await client.connect();
    try {
      const e = await caught(client.query('INSERT INTO cl_mrn_counters (organization_id) VALUES ($1)', [randomUUID()]));
      expect(mapException(e)).toMatchObject({ status: 403 });
    } finally {
      await client.end();
    }
  });

  it('answers any other database failure with a generic 500', async () => {
    const e = await caught(owner.$queryRawUnsafe('SELECT * FROM no_such_table'));
    expect(mapException(e)).toEqual({ status: 500, detail: expect.stringMatching(/^An unexpected error occurred/) });
  });
});
