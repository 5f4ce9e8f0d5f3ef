import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';

import { AppConfig, CONFIG } from '@cairn/platform/config';

import { PrismaClient } from './generated/prisma/client';
import { statementName } from './statement-names';
import { createTenantPool } from './tenant-pool';

/**
 * The Prisma client of the API and the worker. It connects as the app role (NOBYPASSRLS, DML grants only):
 * outside a tenant transaction row-level security shows it no tenant row. Its pool (createTenantPool)
 * writes the request's tenant context together with each transaction's BEGIN, and its parameterised statements
 * are prepared once per connection (statementName). Connections are recycled every 30 minutes, which also
 * bounds how many prepared statements one accumulates.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(CONFIG) config: AppConfig) {
    const pool = createTenantPool({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE, maxLifetimeSeconds: 1800 });
    // Transaction limits live here rather than in the transactional adapter's defaultTxOptions: options there make
    // every nested withTransaction (a handler sending a query whose handler opens one too) log a warning.
    super({
      adapter: new PrismaPg(pool, { disposeExternalPool: true, statementNameGenerator: statementName }),
      transactionOptions: { timeout: 15_000, maxWait: 5_000 },
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
