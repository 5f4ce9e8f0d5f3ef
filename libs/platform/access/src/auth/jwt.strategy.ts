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
      secretOrKey: config.JWT_SECRET,
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
