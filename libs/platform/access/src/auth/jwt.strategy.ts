import { createSecretKey } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';

import { AppConfig, CONFIG } from '@cairn/platform/config';

import { AuthenticatedUser, checkAccessTokenClaims } from './access-token-claims';
import { JWT_AUDIENCE, JWT_ISSUER } from './token.service';

export type { AuthenticatedUser } from './access-token-claims';

/** A bearer token was refused; `reason` is for the audit log, the client gets one generic message. */
export class AccessTokenRefused extends UnauthorizedException {
  readonly reason: string;

  constructor(reason: string) {
    super('A valid bearer access token is required.');
    this.reason = reason.slice(0, 200);
  }
}

/**
 * Verifies the bearer access token: signature, audience, issuer and expiry (passport-jwt), then the claims a
 * token must carry to be bound to a session for at most the configured lifetime (checkAccessTokenClaims).
 * Whether its session is still alive is checked by the AccessGuard.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly ttlSeconds: number;

  constructor(@Inject(CONFIG) config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject: with a plain string, jsonwebtoken first tries (and fails) to parse it as a PEM public key on every request.
      secretOrKey: createSecretKey(Buffer.from(config.JWT_SECRET)) as unknown as string,
      audience: JWT_AUDIENCE,
      issuer: JWT_ISSUER,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
    this.ttlSeconds = config.JWT_ACCESS_TTL_SECONDS;
  }

  validate(payload: unknown): AuthenticatedUser {
    const check = checkAccessTokenClaims(payload, { nowSeconds: Date.now() / 1000, ttlSeconds: this.ttlSeconds });
    if (!check.ok) throw new AccessTokenRefused(check.reason);
    return check.user;
  }
}
