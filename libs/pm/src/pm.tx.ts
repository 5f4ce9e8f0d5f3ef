import type { ContextTx, ModelRow } from '@cairn/platform/db';
import type { TenantUseCaseHandler, UseCase } from '@cairn/platform/use-case';

/** The models PM owns (its pm_* tables): the only ones a PM transaction may write. */
export type PmModel = 'serviceType' | 'appointment' | 'encounter' | 'feeScheduleEntry' | 'charge';

/**
 * Platform data PM reads, never writes: sites (an appointment's site must exist) and role bindings (a provider
 * must be active in the organization). Nothing of CL: a Part 2 consent is asked of cl_check_sud_consent, the
 * SECURITY DEFINER helper every context's policies share, and CL's facts arrive in event payloads.
 */
export type PmPlatformRead = 'site' | 'roleBinding';

/** PM's tenant transaction: `tx.part2Consent` does not compile here, nor `tx.site.update`. */
export type PmTx = ContextTx<PmModel, PmPlatformRead>;

/** What the use-case pipeline hands a PM handler. */
export type PmUseCase = UseCase<PmTx>;

/** A PM use-case handler: `implements PmUseCaseHandler<Command, Result>`, `execute(cmd, uc: PmUseCase)`. */
export type PmUseCaseHandler<M, R> = TenantUseCaseHandler<M, R, PmTx>;

/** The row type of a PM model (`PmRow<'charge'>`), for views and rules. */
export type PmRow<M extends PmModel> = ModelRow<M>;
