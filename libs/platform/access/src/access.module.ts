import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';

import { AuditModule } from '@cairn/platform/audit';
import { AppConfig, CONFIG } from '@cairn/platform/config';

import { AuthController, MeController } from './auth/auth.controller';
import { JwtStrategy } from './auth/jwt.strategy';
import { LoginThrottle } from './auth/login-throttle';
import { PasswordHasher } from './auth/password-hasher';
import { AccessRedis } from './auth/redis.provider';
import { TokenService } from './auth/token.service';
import { LoginHandler } from './commands/login/login.handler';
import { LogoutHandler } from './commands/logout/logout.handler';
import { RefreshSessionHandler } from './commands/refresh-session/refresh-session.handler';
import { AccessGuard } from './guards/access.guard';
import { PrincipalCache } from './principal/principal-cache';
import { PrincipalLoader } from './principal/principal-loader';
import { GetMeHandler } from './queries/get-me/get-me.handler';
import { ListStaffDirectoryHandler } from './queries/list-staff-directory/list-staff-directory.handler';
import { StaffDirectoryController } from './staff-directory.controller';

/** Staff authentication (PF-02) and the global access guard. Import once, in the API. */
@Module({
  imports: [
    PassportModule,
    AuditModule,
    JwtModule.registerAsync({
      inject: [CONFIG],
      useFactory: (config: AppConfig) => ({ secret: config.JWT_SECRET }),
    }),
  ],
  controllers: [AuthController, MeController, StaffDirectoryController],
  providers: [
    AccessRedis,
    JwtStrategy,
    LoginThrottle,
    PasswordHasher,
    PrincipalCache,
    PrincipalLoader,
    TokenService,
    LoginHandler,
    LogoutHandler,
    RefreshSessionHandler,
    GetMeHandler,
    ListStaffDirectoryHandler,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [PasswordHasher, LoginThrottle],
})
export class AccessModule {}
