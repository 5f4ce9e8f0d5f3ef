import type { ContextTx } from '@cairn/platform/db';
import type { TenantUseCaseHandler, UseCase } from '@cairn/platform/use-case';

/**
 * HR's tenant transaction: no Prisma model at all. HR owns no table yet; its one read is the SECURITY DEFINER
 * function get_provider_productivity (over the wf_* rollups), called through raw SQL the table-ownership spec
 * checks. Add HR's models here when it gets tables of its own.
 */
export type HrTx = ContextTx<never>;

/** What the use-case pipeline hands an HR handler. */
export type HrUseCase = UseCase<HrTx>;

/** An HR use-case handler. */
export type HrUseCaseHandler<M, R> = TenantUseCaseHandler<M, R, HrTx>;
