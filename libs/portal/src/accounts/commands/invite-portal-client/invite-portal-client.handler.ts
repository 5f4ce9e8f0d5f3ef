import { randomBytes, randomUUID } from 'node:crypto';
import { CommandHandler, QueryBus } from '@nestjs/cqrs';

import { GetPatientReferenceQuery } from '@cairn/platform/clinical';
import { prismaCodeOf } from '@cairn/platform/db';
import { ConflictError, NotFoundError } from '@cairn/platform/kernel';
import { OutboxPublisher } from '@cairn/platform/messaging';
import { PORTAL_INVITATION_CREATED_V1 } from '@cairn/platform/portal';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PortalUseCase, PortalUseCaseHandler } from '../../../portal.tx';
import { INVITATION_TTL_HOURS, PortalInvitationView, toPortalAccountView } from '../../domain/portal-account.view';
import { hashPortalSecret } from '../../infrastructure/portal-tokens.service';
import { InvitePortalClientCommand } from './invite-portal-client.command';

/**
 * One account per patient: the first invitation creates it; a later one (the client lost the link, or the
 * account was disabled) supersedes the earlier invitations and clears the password, so the account is usable only
 * after the new token is redeemed. An active account is not re-invited (409: disable it first). The token is
 * returned once and stored only as its SHA-256; an outbox event in the same transaction tells a mailer.
 */
@CommandHandler(InvitePortalClientCommand)
@TenantUseCase(InvitePortalClientCommand, {
  audit: { action: 'portal.account.invite', resource: 'portal_account', patient: (c) => c.patientId },
})
export class InvitePortalClientHandler implements PortalUseCaseHandler<InvitePortalClientCommand, PortalInvitationView> {
  constructor(
    private readonly queries: QueryBus,
    private readonly outbox: OutboxPublisher,
  ) {}

  async execute({ patientId, email }: InvitePortalClientCommand, { ctx, tx, audit }: PortalUseCase): Promise<PortalInvitationView> {
    // CL resolves the patient under the caller's scope (audited there); the portal never reads CL's tables.
    const patient = await this.queries.execute(new GetPatientReferenceQuery(patientId));
    if (!patient) throw new NotFoundError('No patient with that id in your scope.');
    const normalized = email.trim().toLowerCase();
    const existing = await tx.portalAccount.findUnique({
      where: { organizationId_patientId: { organizationId: ctx.organizationId, patientId } },
    });
    if (existing?.status === 'active') {
      throw audit.refuse(
        'account_active',
        new ConflictError('The patient already has an active portal account; disable it before inviting again.'),
      );
    }
    const accountId = existing?.id ?? randomUUID();
    let account;
    try {
      account = existing
        ? await tx.portalAccount.update({
            where: { organizationId_id: { organizationId: ctx.organizationId, id: existing.id } },
            data: { email: normalized, status: 'invited', passwordHash: null, disabledAt: null, disabledBy: null, invitedBy: ctx.userId },
          })
        : await tx.portalAccount.create({
            data: {
              organizationId: ctx.organizationId,
              id: accountId,
              patientId,
              email: normalized,
              status: 'invited',
              invitedBy: ctx.userId,
            },
          });
    } catch (e) {
      if (prismaCodeOf(e) === 'P2002') {
        throw new ConflictError('That email address cannot be used for a portal account.', [
          { field: 'email', message: 'email is already used by another portal account' },
        ]);
      }
      throw e;
    }
    if (existing) {
      await tx.portalInvitation.updateMany({
        where: { organizationId: ctx.organizationId, accountId, usedAt: null, revokedAt: null },
        data: { revokedAt: new Date() },
      });
      // A re-invited account starts with no session.
      await tx.portalRefreshToken.updateMany({
        where: { organizationId: ctx.organizationId, accountId, revokedAt: null },
        data: { revokedAt: new Date() },
      });
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + INVITATION_TTL_HOURS * 3600 * 1000);
    const invitation = await tx.portalInvitation.create({
      data: {
        organizationId: ctx.organizationId,
        id: randomUUID(),
        accountId,
        patientId,
        tokenHash: hashPortalSecret(token),
        expiresAt,
        createdBy: ctx.userId,
      },
    });
    await this.outbox.publish(PORTAL_INVITATION_CREATED_V1, ctx.organizationId, {
      organization_id: ctx.organizationId,
      portal_account_id: accountId,
      invitation_id: invitation.id,
      patient_id: patientId,
      invited_by: ctx.userId,
      expires_at: expiresAt.toISOString(),
    });
    audit.set({ resourceId: accountId }).scope({ invitationId: invitation.id, reinvited: Boolean(existing) });
    return {
      account: toPortalAccountView(account),
      invitationId: invitation.id,
      invitationToken: token,
      invitationLink: `/accept-invitation#token=${token}`,
      expiresAt: expiresAt.toISOString(),
    };
  }
}
