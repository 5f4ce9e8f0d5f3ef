import { HttpException, HttpStatus, UnauthorizedException } from '@nestjs/common';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';

import { AuditService } from '@cairn/platform/audit';
import { PrismaService } from '@cairn/platform/db';
import { OutsideUseCasePipeline } from '@cairn/platform/use-case';

import { LoginThrottle } from '../../auth/login-throttle';
import { PasswordHasher } from '../../auth/password-hasher';
import { IssuedSession, TokenService } from '../../auth/token.service';
import { LoginCommand } from './login.command';

/** One message for every failure, so that no answer reveals whether an email exists. */
export const INVALID_CREDENTIALS = 'Invalid email or password.';

@CommandHandler(LoginCommand)
@OutsideUseCasePipeline('signs in: there is no tenant yet; it audits in the organization it signs into with explicit clients')
export class LoginHandler implements ICommandHandler<LoginCommand> {
  constructor(
    private readonly prisma: PrismaService,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly tokens: TokenService,
    private readonly audit: AuditService,
  ) {}

  async execute({ email, password, ip }: LoginCommand): Promise<IssuedSession> {
    const normalized = email.trim().toLowerCase();
    const state = await this.throttle.check(normalized, ip);
    if (state.blocked) {
      await this.audit.recordDetached({
        organizationId: null,
        actorUserId: null,
        actorType: 'anonymous',
        action: 'auth.login',
        resourceType: 'staff_user',
        outcome: 'denied',
        reason: 'throttled',
      });
      throw new HttpException(
        { message: 'Too many failed sign-in attempts. Try again later.', retryAfterSeconds: state.retryAfterSeconds },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }

    const user = await this.prisma.staffUser.findUnique({ where: { email: normalized } });
    const passwordOk = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !passwordOk || user.status !== 'active') {
      await this.throttle.recordFailure(normalized, ip);
      await this.audit.recordDetached({
        organizationId: null,
        actorUserId: null,
        actorType: 'anonymous',
        action: 'auth.login',
        resourceType: 'staff_user',
        resourceId: user?.id ?? null,
        outcome: 'failure',
        reason: !user ? 'unknown_account' : !passwordOk ? 'bad_password' : 'inactive_account',
      });
      throw new UnauthorizedException(INVALID_CREDENTIALS);
    }

    await this.throttle.recordSuccess(normalized);
    return this.prisma.$transaction(async (tx) => {
      const session = await this.tokens.issue(tx, user.id);
      await tx.staffUser.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
      await this.audit.recordIn(tx, {
        organizationId: null,
        actorUserId: user.id,
        action: 'auth.login',
        resourceType: 'staff_user',
        resourceId: user.id,
        outcome: 'success',
      });
      return session;
    });
  }
}
