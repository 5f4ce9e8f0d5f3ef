import type { ContextTx, ModelRow } from '@cairn/platform/db';
import type { TenantUseCaseHandler, UseCase } from '@cairn/platform/use-case';

/** The models CL owns (its cl_* tables): the only ones a CL transaction may write. */
export type ClModel =
  | 'patient'
  | 'chart'
  | 'careTeamAssignment'
  | 'mrnCounter'
  | 'part2Consent'
  | 'part2RolePurpose'
  | 'progressNote'
  | 'progressNoteAddendum'
  | 'group'
  | 'groupSession'
  | 'groupAttendance'
  | 'groupEncounterGeneration'
  | 'peerSupervision'
  | 'peerServiceType'
  | 'peerSettings'
  | 'peerEncounter'
  | 'peerEncounterAddendum';

/**
 * Platform data CL reads, never writes (the shared kernel every context builds on): the organization (its
 * timezone), its sites (a patient's or group's site must exist), staff users (names on the supervision report)
 * and role bindings (a care-team member, facilitator or supervisor must be active in the organization), and the
 * roles' permission keys (who may approve generations, for the consent worklist).
 * Nothing of PM or HR: CL reaches those only through the contracts (platform/scheduling, platform/workforce).
 */
export type ClPlatformRead = 'organization' | 'site' | 'staffUser' | 'roleBinding' | 'rolePermission';

/** CL's tenant transaction: `tx.charge` does not compile here, nor `tx.site.update`. */
export type ClTx = ContextTx<ClModel, ClPlatformRead>;

/** What the use-case pipeline hands a CL handler. */
export type ClUseCase = UseCase<ClTx>;

/** A CL use-case handler: `implements ClUseCaseHandler<Command, Result>`, `execute(cmd, uc: ClUseCase)`. */
export type ClUseCaseHandler<M, R> = TenantUseCaseHandler<M, R, ClTx>;

/** The row type of a CL model (`ClRow<'patient'>`), for views and rules. */
export type ClRow<M extends ClModel> = ModelRow<M>;
