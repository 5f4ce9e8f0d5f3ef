import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { AppConfig, CONFIG } from '@cairn/platform/config';
import { PrismaClient } from './generated/prisma/client';

/**
 * The Prisma client of the API and the worker. It connects as the app role (NOBYPASSRLS, DML grants only):
 * outside a tenant transaction (see TenantTransactionAdapter) row-level security shows it no tenant row.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  constructor(@Inject(CONFIG) config: AppConfig) {
    super({ adapter: new PrismaPg({ connectionString: config.DATABASE_URL, max: config.DATABASE_POOL_SIZE }) });
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
  }
}
