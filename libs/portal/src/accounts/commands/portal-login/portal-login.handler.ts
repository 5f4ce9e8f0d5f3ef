import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';

import { LoginThrottle, PasswordHasher } from '@cairn/platform/access';
import { AuditService } from '@cairn/platform/audit';
import { TooManyRequestsError, UnauthorizedError } from '@cairn/platform/kernel';
import { OutsideUseCasePipeline } from '@cairn/platform/use-case';

import { PortalAuthDb } from '../../../portal.tx';
import { PortalAuthRepository } from '../../infrastructure/portal-auth.repository';
import { IssuedPortalSession, PortalTokensService } from '../../infrastructure/portal-tokens.service';
import { PortalLoginCommand } from './portal-login.command';

/** One message for every failure: no answer reveals whether an email has a portal account, or in what state. */
export const INVALID_PORTAL_CREDENTIALS = 'Invalid email or password.';

/**
 * Portal sign-in, throttled per account and per IP like the staff login (its own counters), argon2id verified
 * (an unknown email is checked against a dummy hash, so timing does not tell either). Failures are audited in the
 * organization-less chain; a success in the organization's chain, with the client as the actor.
 */
@CommandHandler(PortalLoginCommand)
@OutsideUseCasePipeline('portal sign-in: there is no tenant until the account is found; it audits with explicit clients')
export class PortalLoginHandler implements ICommandHandler<PortalLoginCommand> {
  constructor(
    private readonly repo: PortalAuthRepository,
    private readonly db: PortalAuthDb,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly tokens: PortalTokensService,
    private readonly audit: AuditService,
  ) {}

  async execute({ email, password, ip }: PortalLoginCommand): Promise<IssuedPortalSession> {
    const normalized = email.trim().toLowerCase();
    const state = await this.throttle.check(normalized, ip, 'portal');
    if (state.blocked) {
      await this.audit.recordDetached({
        organizationId: null,
        actorUserId: null,
        actorType: 'anonymous',
        action: 'portal.auth.login',
        resourceType: 'portal_account',
        outcome: 'denied',
        reason: 'throttled',
      });
      throw new TooManyRequestsError('Too many failed sign-in attempts. Try again later.', state.retryAfterSeconds);
    }

    const account = await this.repo.accountByEmail(normalized);
    const passwordOk = await this.hasher.verify(account?.passwordHash ?? null, password);
    if (!account || !passwordOk || account.status !== 'active' || !account.patientActive) {
      await this.throttle.recordFailure(normalized, ip, 'portal');
      await this.audit.recordDetached({
        organizationId: null,
        actorUserId: null,
        actorType: 'anonymous',
        action: 'portal.auth.login',
        resourceType: 'portal_account',
        resourceId: account?.accountId ?? null,
        outcome: 'failure',
        reason: !account
          ? 'unknown_account'
          : !passwordOk
            ? 'bad_password'
            : account.status !== 'active'
              ? `account_${account.status}`
              : 'patient_inactive',
      });
      throw new UnauthorizedError(INVALID_PORTAL_CREDENTIALS);
    }

    await this.throttle.recordSuccess(normalized, 'portal');
    return this.db.asClient(account.organizationId, account.accountId, async (tx) => {
      const session = await this.tokens.issue(tx, account);
      await this.audit.recordIn(tx, {
        organizationId: account.organizationId,
        actorUserId: account.accountId,
        actorType: 'client',
        action: 'portal.auth.login',
        resourceType: 'portal_account',
        resourceId: account.accountId,
        patientId: account.patientId,
        outcome: 'success',
      });
      return session;
    });
  }
}
