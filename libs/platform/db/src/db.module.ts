import { Global, Module } from '@nestjs/common';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { ClsModule } from 'nestjs-cls';
import { PrismaService } from './prisma.service';
import { CLS_REQUEST_ID } from './tenant-context';
import { TenantTransactionAdapter } from './tenant-transaction.adapter';

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
      middleware: {
        mount: true,
        generateId: false,
        // The request id middleware (libs/platform/http) has already normalised the header.
        setup: (cls, req: { headers: Record<string, unknown> }) => cls.set(CLS_REQUEST_ID, req.headers['x-request-id']),
      },
      plugins: [new ClsPluginTransactional({ imports: [PrismaModule], adapter: new TenantTransactionAdapter(PrismaService) })],
    }),
  ],
  exports: [PrismaModule],
})
export class DbModule {}
