import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';

import { AppConfig, CONFIG } from '@cairn/platform/config';
import { PrismaService } from '@cairn/platform/db';

export const JWT_AUDIENCE = 'cairn-staff';
export const JWT_ISSUER = 'cairn';

export interface AccessTokenClaims {
  sub: string;
  sid: string;
}

export interface IssuedSession {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
}

type Db = Pick<PrismaService, 'refreshToken'>;

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Issues access tokens (short-lived JWT) and refresh tokens (opaque, stored hashed, one family per login). */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(db: Db, userId: string, familyId: string = randomUUID()): Promise<IssuedSession> {
    const refreshToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.REFRESH_TTL_SECONDS * 1000);
    await db.refreshToken.create({
      data: { id: randomUUID(), staffUserId: userId, familyId, tokenHash: hashRefreshToken(refreshToken), expiresAt },
    });
    const claims: AccessTokenClaims = { sub: userId, sid: familyId };
    const accessToken = await this.jwt.signAsync(claims, {
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
      audience: JWT_AUDIENCE,
      issuer: JWT_ISSUER,
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
