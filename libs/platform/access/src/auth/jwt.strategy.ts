import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig, CONFIG } from '@cairn/platform/config';
import { AccessTokenClaims, JWT_AUDIENCE, JWT_ISSUER } from './token.service';

export interface AuthenticatedUser {
  userId: string;
  sessionId: string;
}

/** Verifies the bearer access token. Whether its session is still alive is checked by the AccessGuard. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
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
  }

  validate(payload: AccessTokenClaims): AuthenticatedUser {
    return { userId: payload.sub, sessionId: payload.sid };
  }
}
