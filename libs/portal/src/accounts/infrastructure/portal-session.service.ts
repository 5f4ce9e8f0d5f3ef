import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { Request } from 'express';

import { AuditService } from '@cairn/platform/audit';
import { AppConfig, CONFIG } from '@cairn/platform/config';
import { PortalAuthenticator, RequestContextService } from '@cairn/platform/tenancy';

import { PortalAuthDb, portalClientContext } from '../../portal.tx';
import { checkPortalTokenClaims, PORTAL_JWT_AUDIENCE, PORTAL_JWT_ISSUER } from '../domain/portal-token.rules';
import { PortalAuthRepository } from './portal-auth.repository';

const REFUSED = 'A valid portal access token is required.';

/**
 * The portal's side of the global access guard (PortalAuthenticator): a @PortalClient() route needs a portal
 * access token (signature, the portal audience, the claims), a live session of an active account whose patient is
 * active, checked on every request, and then runs with the client's tenant context (scope 'portal'). Refusals
 * are audited, organization-less (the token is not trusted), and answer one 401 whatever the reason.
 */
@Injectable()
export class PortalSessionService extends PortalAuthenticator {
  constructor(
    private readonly jwt: JwtService,
    private readonly db: PortalAuthDb,
    private readonly repo: PortalAuthRepository,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {
    super();
  }

  async authenticate(req: Request): Promise<void> {
    const header = req.headers.authorization;
    const token = typeof header === 'string' && /^Bearer\s+\S+$/i.test(header) ? header.replace(/^Bearer\s+/i, '') : null;
    if (!token) return this.refuse(req, 'no bearer token');
    let payload: unknown;
    try {
      payload = await this.jwt.verifyAsync(token, { audience: PORTAL_JWT_AUDIENCE, issuer: PORTAL_JWT_ISSUER, algorithms: ['HS256'] });
    } catch (e) {
      return this.refuse(req, `token refused (${e instanceof Error ? e.message : 'invalid'})`);
    }
    const check = checkPortalTokenClaims(payload, { nowSeconds: Date.now() / 1000, ttlSeconds: this.config.JWT_ACCESS_TTL_SECONDS });
    if (!check.ok) return this.refuse(req, check.reason);
    const { client } = check;
    const alive = await this.db.asClient(client.organizationId, client.accountId, (tx) =>
      this.repo.sessionAlive(tx, client.organizationId, client.accountId, client.sessionId),
    );
    if (!alive) return this.refuse(req, 'session ended, account disabled or patient inactive');
    this.requestContext.setPortalClient(client);
    this.requestContext.setTenant(portalClientContext(client.organizationId, client.accountId));
  }

  private async refuse(req: Request, reason: string): Promise<never> {
    await this.audit.recordDetached({
      organizationId: null,
      actorUserId: null,
      actorType: 'anonymous',
      action: 'access.denied',
      resourceType: 'route',
      resourceId: `${req.method} ${(req.baseUrl ?? '') + (req.route?.path ?? req.path)}`,
      outcome: 'denied',
      reason: `portal: ${reason}`.slice(0, 200),
    });
    throw new UnauthorizedException(REFUSED);
  }
}
