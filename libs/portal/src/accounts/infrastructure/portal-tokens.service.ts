import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

import { AppConfig, CONFIG } from '@cairn/platform/config';

import type { PortalTx } from '../../portal.tx';
import { PORTAL_JWT_AUDIENCE, PORTAL_JWT_ISSUER, PortalTokenClaims } from '../domain/portal-token.rules';

/** What a portal sign-in, refresh or accepted invitation returns (the same shape as a staff session). */
export interface IssuedPortalSession {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
}

export function hashPortalSecret(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Issues portal sessions: a short-lived JWT with the portal audience, and an opaque refresh token stored hashed
 * in the client's own transaction (po_refresh_tokens, one family per sign-in).
 */
@Injectable()
export class PortalTokensService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(
    tx: PortalTx,
    account: { organizationId: string; accountId: string; patientId: string },
    familyId: string = randomUUID(),
  ): Promise<IssuedPortalSession> {
    const refreshToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.REFRESH_TTL_SECONDS * 1000);
    await tx.portalRefreshToken.create({
      data: {
        organizationId: account.organizationId,
        id: randomUUID(),
        accountId: account.accountId,
        patientId: account.patientId,
        familyId,
        tokenHash: hashPortalSecret(refreshToken),
        expiresAt,
      },
    });
    const claims: PortalTokenClaims = { sub: account.accountId, sid: familyId, org: account.organizationId, pid: account.patientId };
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
      audience: PORTAL_JWT_AUDIENCE,
      issuer: PORTAL_JWT_ISSUER,
      algorithm: 'HS256',
    });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
      refreshToken,
      refreshExpiresAt: expiresAt.toISOString(),
    };
  }
}
