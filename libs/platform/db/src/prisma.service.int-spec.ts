import { loadConfig } from '@cairn/platform/config';

import { PrismaService } from './prisma.service';
import { withTenant } from './tenant-transaction.adapter';

describe('PrismaService', () => {
  const prisma = new PrismaService({ ...loadConfig(), DATABASE_POOL_SIZE: 1 });
  afterAll(() => prisma.$disconnect());

  it('prepares a parameterised query once per connection and reuses it', async () => {
    const ctx = {
      organizationId: '00000000-0000-4000-8000-000000000001',
      userId: '00000000-0000-4000-8000-000000000002',
      siteIds: [],
      patientScope: 'none' as const,
    };
    const prepared = () =>
      withTenant(prisma, ctx, async (tx) => {
        await tx.patient.findMany({ where: { organizationId: ctx.organizationId, lastName: 'Nobody' } });
        return tx.$queryRaw<
          { name: string; prepare_time: Date }[]
        >`SELECT name, prepare_time FROM pg_prepared_statements WHERE name LIKE 'cairn\\_%' ORDER BY name`;
      });
    const first = await prepared();
    const second = await prepared();
    expect(first.length).toBeGreaterThan(0);
    // The same statements prepared at the same moment: the second run reused what the first prepared.
    expect(second).toEqual(first);
  });
});
