import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { Global, Module } from '@nestjs/common';
import { ClsMiddleware, ClsModule } from 'nestjs-cls';

import { PrismaService } from './prisma.service';
import { CLS_REQUEST_ID } from './tenant-context';
import { TenantTransactionAdapter } from './tenant-transaction.adapter';

/**
 * Express middleware that opens the per-request store. The request id middleware (libs/platform/http) runs
 * first and has normalised X-Request-Id, which is copied into the store.
 */
export function clsMiddleware(): (req: unknown, res: unknown, next: () => void) => void {
  const m = new ClsMiddleware({
    generateId: false,
    setup: (cls, req: { headers: Record<string, unknown> }) => cls.set(CLS_REQUEST_ID, req.headers['x-request-id']),
  });
  return m.use.bind(m) as (req: unknown, res: unknown, next: () => void) => void;
}

@Global()
@Module({ providers: [PrismaService], exports: [PrismaService] })
export class PrismaModule {}

/**
 * The request context store and the transaction host. Import once in each app; inject
 * `TransactionHost<TenantTx>` and call `withTransaction` to run work under the request's tenant context.
 */
@Global()
@Module({
  imports: [
    PrismaModule,
    ClsModule.forRoot({
      global: true,
      // Mounted by the app itself with clsMiddleware() before any route matching: Nest's own mounting follows
      // the global prefix and would skip /health and /metrics.
      middleware: { mount: false },
      plugins: [new ClsPluginTransactional({ imports: [PrismaModule], adapter: new TenantTransactionAdapter(PrismaService) })],
    }),
  ],
  exports: [PrismaModule],
})
export class DbModule {}
