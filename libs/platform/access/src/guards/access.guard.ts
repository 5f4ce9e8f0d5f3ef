import { BadRequestException, ExecutionContext, ForbiddenException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { ModuleRef, Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import type { Request } from 'express';

import { AuditService } from '@cairn/platform/audit';
import { idKey } from '@cairn/platform/kernel';
import {
  ACCESS_RULE,
  AccessRule,
  buildTenantContext,
  organizationsOf,
  PortalAuthenticator,
  Principal,
  RequestContextService,
} from '@cairn/platform/tenancy';

import { AccessTokenRefused, AuthenticatedUser } from '../auth/jwt.strategy';
import { PrincipalLoader } from '../principal/principal-loader';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const ORGANIZATION_HEADER = 'x-organization-id';
export const SITE_HEADER = 'x-site-id';

/**
 * The global guard. Every route declares an access rule (@Public, @Authenticated or @RequirePermission);
 * a route without one is refused. For protected routes it verifies the bearer token (passport-jwt), loads
 * the caller's live role bindings (PrincipalLoader; briefly cached per session, ended sessions dropped at once), picks the organization (X-Organization-Id, or the only one the caller has)
 * and site (X-Site-Id), checks the permission there, and stores principal and tenant context for the request.
 * Denials are audited.
 */
@Injectable()
export class AccessGuard extends AuthGuard('jwt') {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalLoader,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
    private readonly moduleRef: ModuleRef,
  ) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<Request & { user?: AuthenticatedUser }>();
    this.requestContext.setClientIp(req.ip);
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    if (!rule) {
      this.logger.error(`Route ${req.method} ${req.route?.path ?? req.path} declares no access rule; refused`);
      throw new ForbiddenException('This route declares no access rule.');
    }
    if (rule.kind === 'public') return true;
    if (rule.kind === 'portal-client') {
      // A portal client's route: the portal's own audience, never the staff passport strategy (ADR 0015).
      let portal: PortalAuthenticator | undefined;
      try {
        portal = this.moduleRef.get(PortalAuthenticator, { strict: false });
      } catch {
        portal = undefined;
      }
      if (!portal) throw new ForbiddenException('The client portal is not available in this process.');
      await portal.authenticate(req);
      return true;
    }

    try {
      await (super.canActivate(context) as Promise<boolean>);
    } catch (e) {
      await this.auditUnauthenticated(
        req,
        null,
        e instanceof AccessTokenRefused ? `no valid bearer token (${e.reason})` : 'no valid bearer token',
      );
      throw e;
    }
    const user = req.user as AuthenticatedUser;
    const grants = await this.principals.load(user.userId, user.sessionId);
    if (grants.length === 0) {
      await this.auditUnauthenticated(req, user.userId, 'session ended or no active access');
      throw new UnauthorizedException('The session has ended or the account has no active access.');
    }
    const principal: Principal = { userId: user.userId, sessionId: user.sessionId, grants };
    this.requestContext.setPrincipal(principal);

    const orgHeader = headerValue(req, ORGANIZATION_HEADER);
    const siteHeader = headerValue(req, SITE_HEADER);
    if (orgHeader !== undefined && !UUID.test(orgHeader)) throw headerError('X-Organization-Id', 'must be a UUID');
    if (siteHeader !== undefined && !UUID.test(siteHeader)) throw headerError('X-Site-Id', 'must be a UUID');
    const orgs = organizationsOf(principal);
    let organizationId = orgHeader === undefined ? undefined : idKey(orgHeader);
    if (!organizationId && orgs.length === 1) organizationId = orgs[0]!.id;
    const siteId = siteHeader === undefined ? undefined : idKey(siteHeader);

    if (rule.kind === 'authenticated' && !organizationId) {
      // e.g. GET /me for a member of several organizations; a site only means something within one.
      if (siteId) throw headerError('X-Organization-Id', 'is required with X-Site-Id because you belong to more than one organization');
      return true;
    }
    if (!organizationId) {
      throw headerError('X-Organization-Id', 'is required because you belong to more than one organization');
    }
    const permission = rule.kind === 'authenticated' ? null : rule.permission;
    const ruleName = permission ?? 'authenticated';
    const ctx = buildTenantContext(principal, organizationId, permission, siteId);
    if (!ctx) {
      const reason = permission ? 'permission not held in this organization or site' : 'not a member of the organization or site';
      return this.deny(req, principal, organizationId, ruleName, reason);
    }
    // An all-sites binding accepts any site id above; only a site of this organization the caller is bound at may
    // narrow the request (else a foreign or made-up id would give an empty 2xx instead of a refusal).
    if (siteId && !(await this.principals.sitesIn(principal.userId, organizationId)).includes(siteId)) {
      return this.deny(
        req,
        principal,
        organizationId,
        ruleName,
        'X-Site-Id names no site of the organization at which the caller is bound',
      );
    }
    this.requestContext.setTenant(ctx);
    return true;
  }

  override handleRequest<TUser = AuthenticatedUser>(err: unknown, user: TUser | false, info: unknown): TUser {
    if (err instanceof AccessTokenRefused) throw err;
    if (err || !user) {
      // passport-jwt's own refusals (missing token, bad signature, audience, issuer, expiry) come as `info`.
      const cause = err ?? info;
      throw new AccessTokenRefused(cause instanceof Error ? cause.message : 'no bearer token');
    }
    return user;
  }

  /** A refused request without a usable identity: recorded in the organization-less chain. */
  private async auditUnauthenticated(req: Request, userId: string | null, reason: string): Promise<void> {
    await this.audit.recordDetached({
      organizationId: null,
      actorUserId: userId,
      actorType: userId ? 'staff' : 'anonymous',
      action: 'access.denied',
      resourceType: 'route',
      resourceId: `${req.method} ${(req.baseUrl ?? '') + (req.route?.path ?? req.path)}`,
      outcome: 'denied',
      reason: `unauthenticated: ${reason}`,
    });
  }

  /**
   * Audits a refusal and throws 403. A member's refusal goes to the organization's chain. An outsider's goes to
   * the organization-less chain (with the caller's other denials) and to the target organization's chain too, so
   * that its auditors see attempts on it; an id that names no organization gets no chain (and the same 403).
   */
  private async deny(req: Request, principal: Principal, organizationId: string, permission: string, reason: string): Promise<never> {
    const member = principal.grants.some((g) => g.organizationId === organizationId);
    const event = {
      actorUserId: principal.userId,
      action: 'access.denied',
      resourceType: 'route',
      resourceId: `${req.method} ${(req.baseUrl ?? '') + (req.route?.path ?? req.path)}`,
      outcome: 'denied' as const,
      reason: `${permission}: ${reason}`,
      scope: { organizationId, siteId: headerValue(req, SITE_HEADER) ?? null },
    };
    if (member) {
      await this.audit.recordDetached({ ...event, organizationId });
    } else {
      await this.audit.recordDetached({ ...event, organizationId: null });
      await this.audit.recordDetachedInOrganization(organizationId, {
        ...event,
        reason: `${event.reason} (no binding in this organization)`,
      });
    }
    throw new ForbiddenException(`You do not have permission "${permission}" here.`);
  }
}

function headerValue(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s === '' ? undefined : s.trim();
}

function headerError(field: string, message: string): BadRequestException {
  return new BadRequestException({
    message: `${field} ${message}`,
    errors: [{ field: `header.${field}`, message: `${field} ${message}` }],
  });
}
