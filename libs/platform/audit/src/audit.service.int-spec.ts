import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { ClsService } from 'nestjs-cls';
import { Pool } from 'pg';

import { loadConfig } from '@cairn/platform/config';
import { PrismaService, withTenant } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';

import { AuditService } from './audit.service';

/**
 * The audit event of a transaction's work, through the app's own Prisma client and pool: held back and written
 * with the COMMIT (AT_COMMIT), its values written in as literals. Hostile values must land exactly as given, and
 * must never end the literal they are written into.
 */
const prisma = new PrismaService({ ...loadConfig(), DATABASE_POOL_SIZE: 1 });
const owner = new Pool({ connectionString: process.env['DATABASE_OWNER_URL'], max: 1 });
const audit = new AuditService(null as never, prisma, new RequestContextService(new ClsService(new AsyncLocalStorage())));

const org = randomUUID();
const ctx = { organizationId: org, userId: '', siteIds: [], patientScope: 'system' as const };

async function stored(resourceId: string): Promise<{ reason: string | null; scope: unknown; seq: string | null }[]> {
  const { rows } = await owner.query(`SELECT reason, scope, seq::text FROM pf_audit_events WHERE chain_key = $1 AND resource_id = $2`, [
    org,
    resourceId,
  ]);
  return rows;
}

beforeAll(async () => {
  await owner.query(`INSERT INTO pf_organizations (id, name, slug) VALUES ($1, 'Audit service org', $2)`, [org, `audit-svc-${org}`]);
});

afterAll(async () => {
  await Promise.all([prisma.$disconnect(), owner.end()]);
});

describe('AuditService inside a transaction', () => {
  it('sends the insert with the COMMIT: not inserted before it, sealed after it', async () => {
    const resourceId = randomUUID();
    const seenInside = await withTenant(prisma, ctx, async (tx) => {
      await audit.recordIn(tx, { organizationId: org, action: 'patient.read', resourceType: 'patient', resourceId, outcome: 'success' });
      // This transaction's own inserts into the table, whatever row-level security lets it read back.
      return tx.$queryRaw<{ n: number }[]>`SELECT n_tup_ins::int AS n FROM pg_stat_xact_user_tables WHERE relname = 'pf_audit_events'`;
    });
    expect(seenInside).toEqual([{ n: 0 }]);
    const rows = await stored(resourceId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.seq).not.toBeNull();
  });

  it('stores hostile values exactly as given: quotes, backslashes, statement ends, placeholders, nesting', async () => {
    const resourceId = `x'); COMMIT; DELETE FROM pf_audit_events; -- \\' $1 $2 ${randomUUID()}`;
    const reason = `E'\\\\'' ; ROLLBACK; ü ✓ \n\t end`;
    let nested: unknown = { leaf: `'; DROP TABLE cl_patients; --` };
    for (let i = 0; i < 50; i++) nested = { d: nested };
    await withTenant(prisma, ctx, (tx) =>
      audit.recordIn(tx, {
        organizationId: org,
        action: 'patient.read',
        resourceType: 'patient',
        resourceId,
        outcome: 'denied',
        reason,
        scope: { nested, big: 1e308, list: ['$1', "'", '\\'] },
      }),
    );
    const rows = await stored(resourceId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.reason).toBe(reason);
    expect(rows[0]!.scope).toEqual({ nested, big: 1e308, list: ['$1', "'", '\\'] });
  });

  it('writes nothing when the transaction rolls back after recording', async () => {
    const resourceId = randomUUID();
    await expect(
      withTenant(prisma, ctx, async (tx) => {
        await audit.recordIn(tx, { organizationId: org, action: 'patient.read', resourceType: 'patient', resourceId, outcome: 'success' });
        throw new Error('the audited work failed');
      }),
    ).rejects.toThrow('the audited work failed');
    expect(await stored(resourceId)).toEqual([]);
  });

  it('refuses a NUL at once, naming it, and the transaction writes nothing', async () => {
    const resourceId = randomUUID();
    await expect(
      withTenant(prisma, ctx, (tx) =>
        audit.recordIn(tx, {
          organizationId: org,
          action: 'patient.read',
          resourceType: 'patient',
          resourceId,
          outcome: 'denied',
          reason: 'nul \u0000 byte',
        }),
      ),
    ).rejects.toThrow(/0x00/);
    expect(await stored(resourceId)).toEqual([]);
  });
});
