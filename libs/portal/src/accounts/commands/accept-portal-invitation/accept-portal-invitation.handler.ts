import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';

import { PasswordHasher } from '@cairn/platform/access';
import { AuditService } from '@cairn/platform/audit';
import { InvalidInputError, UnauthorizedError } from '@cairn/platform/kernel';
import { OutsideUseCasePipeline } from '@cairn/platform/use-case';

import { PortalAuthDb } from '../../../portal.tx';
import { passwordProblems } from '../../domain/password-policy.rules';
import { PortalAuthRepository } from '../../infrastructure/portal-auth.repository';
import { hashPortalSecret, IssuedPortalSession, PortalTokensService } from '../../infrastructure/portal-tokens.service';
import { AcceptPortalInvitationCommand } from './accept-portal-invitation.command';

const INVALID_INVITATION = 'The invitation is invalid, expired or already used. Ask your clinic for a new one.';

/**
 * Accepting an invitation: the password is checked first (length, common and breached passwords, runs), then the
 * token is spent and the argon2id hash stored in one statement (po_auth_accept_invitation: single use), and the
 * client is signed in. An unknown, used, superseded or expired token answers one 401.
 */
@CommandHandler(AcceptPortalInvitationCommand)
@OutsideUseCasePipeline('the invitation token is the only credential: no tenant until it is redeemed; audits with explicit clients')
export class AcceptPortalInvitationHandler implements ICommandHandler<AcceptPortalInvitationCommand> {
  constructor(
    private readonly repo: PortalAuthRepository,
    private readonly db: PortalAuthDb,
    private readonly hasher: PasswordHasher,
    private readonly tokens: PortalTokensService,
    private readonly audit: AuditService,
  ) {}

  async execute({ token, password }: AcceptPortalInvitationCommand): Promise<IssuedPortalSession> {
    const problems = passwordProblems(password);
    if (problems.length > 0) throw new InvalidInputError(problems[0]!.message, problems);
    const accepted = await this.repo.acceptInvitation(hashPortalSecret(token), await this.hasher.hash(password));
    if (!accepted) {
      await this.audit.recordDetached({
        organizationId: null,
        actorUserId: null,
        actorType: 'anonymous',
        action: 'portal.invitation.accept',
        resourceType: 'portal_invitation',
        outcome: 'denied',
        reason: 'invalid_used_or_expired_token',
      });
      throw new UnauthorizedError(INVALID_INVITATION);
    }
    return this.db.asClient(accepted.organizationId, accepted.accountId, async (tx) => {
      const session = await this.tokens.issue(tx, accepted);
      await this.audit.recordIn(tx, {
        organizationId: accepted.organizationId,
        actorUserId: accepted.accountId,
        actorType: 'client',
        action: 'portal.invitation.accept',
        resourceType: 'portal_account',
        resourceId: accepted.accountId,
        patientId: accepted.patientId,
        outcome: 'success',
      });
      return session;
    });
  }
}
