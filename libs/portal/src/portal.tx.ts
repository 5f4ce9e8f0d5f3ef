import type { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';

import { PrismaService, withTenant, type ContextTx, type ModelRow, type TenantContext, type TenantTx } from '@cairn/platform/db';
import type { TenantUseCaseHandler, UseCase } from '@cairn/platform/use-case';

/** The models the portal owns (its po_* tables): the only ones a portal transaction may write. */
export type PortalModel =
  | 'portalAccount'
  | 'portalInvitation'
  | 'portalRefreshToken'
  | 'portalFile'
  | 'portalNotification'
  | 'clientNotification'
  | 'moodEntry'
  | 'journalEntry'
  | 'dailyPrompt'
  | 'promptResponse'
  | 'therapeuticGoal'
  | 'goalProgressUpdate'
  | 'homeworkAssignment'
  | 'portalResource'
  | 'crisisToolkit'
  | 'crisisToolkitOpen'
  | 'crisisAlert'
  | 'therapistChangeRequest'
  | 'insuranceCard'
  | 'paymentMethod'
  | 'sessionReview'
  | 'sessionPrep'
  | 'sessionSummary'
  | 'audioMessage'
  | 'audioMessagePlay';

/**
 * Platform data the portal reads, never writes: the organization (its timezone, for the client's calendar day).
 * Nothing of CL or PM: patients, care teams and appointments are reached through platform contracts and the
 * SECURITY DEFINER helpers named in the row policies (ADR 0015).
 */
export type PortalPlatformRead = 'organization';

/** The portal's tenant transaction: `tx.patient` does not compile here. */
export type PortalTx = ContextTx<PortalModel, PortalPlatformRead>;

/** What the use-case pipeline hands a portal handler. */
export type PortalUseCase = UseCase<PortalTx>;

/** A portal use-case handler: `implements PortalUseCaseHandler<Command, Result>`. */
export type PortalUseCaseHandler<M, R> = TenantUseCaseHandler<M, R, PortalTx>;

/** The row type of a portal model. */
export type PortalRow<M extends PortalModel> = ModelRow<M>;

/** SQL before any tenant exists: only tagged templates, which only the po_auth_* SECURITY DEFINER functions answer. */
export type PreTenantSql = Pick<PrismaService, '$queryRaw'>;

/** The tenant context of a signed-in portal client: its account as the user, scope 'portal' (ADR 0015). */
export function portalClientContext(organizationId: string, accountId: string): TenantContext {
  return { organizationId, userId: accountId, siteIds: [], patientScope: 'portal' };
}

/**
 * The portal's sign-in plumbing: what runs before a request has a tenant (login, refresh, accepting an invitation,
 * checking a session). Row-level security shows nothing without a context, so the account is found through the
 * po_auth_* functions (`preTenant`), and everything after runs as the client, under the client's own policy
 * (`asClient`). Only the accounts feature's auth repository and session check use it.
 */
@Injectable()
export class PortalAuthDb {
  constructor(private readonly prisma: PrismaService) {}

  get preTenant(): PreTenantSql {
    return this.prisma;
  }

  asClient<T>(organizationId: string, accountId: string, fn: (tx: PortalTx) => Promise<T>): Promise<T> {
    return withTenant(this.prisma, portalClientContext(organizationId, accountId), fn);
  }
}

/** The transaction host a portal scheduler opens its system-context transactions with (inject TransactionHost). */
export type PortalTxHost = TransactionHost<TenantTx>;
