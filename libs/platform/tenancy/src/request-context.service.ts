import { Injectable } from '@nestjs/common';
import { ClsService } from 'nestjs-cls';

import { TENANT_CONTEXT, TenantContext } from '@cairn/platform/db';

import { CLS_CLIENT_IP, CLS_PORTAL_CLIENT, CLS_PRINCIPAL, CLS_REQUEST_ID, PortalClientPrincipal, Principal } from './request-context';

/** Typed access to the per-request store (AsyncLocalStorage through nestjs-cls). */
@Injectable()
export class RequestContextService {
  constructor(private readonly cls: ClsService) {}

  get tenant(): TenantContext | undefined {
    return this.cls.isActive() ? this.cls.get<TenantContext | undefined>(TENANT_CONTEXT) : undefined;
  }

  /** The tenant context, or an error: for code that must only run inside an authorised request. */
  requireTenant(): TenantContext {
    const t = this.tenant;
    if (!t) throw new Error('No tenant context: this code must run inside an authorised request');
    return t;
  }

  setTenant(ctx: TenantContext | undefined): void {
    this.cls.set(TENANT_CONTEXT, ctx);
  }

  get principal(): Principal | undefined {
    return this.cls.isActive() ? this.cls.get<Principal | undefined>(CLS_PRINCIPAL) : undefined;
  }

  setPrincipal(p: Principal): void {
    this.cls.set(CLS_PRINCIPAL, p);
  }

  /** The portal client of a portal route (set by the PortalAuthenticator); undefined on staff routes. */
  get portalClient(): PortalClientPrincipal | undefined {
    return this.cls.isActive() ? this.cls.get<PortalClientPrincipal | undefined>(CLS_PORTAL_CLIENT) : undefined;
  }

  setPortalClient(p: PortalClientPrincipal): void {
    this.cls.set(CLS_PORTAL_CLIENT, p);
  }

  get requestId(): string | undefined {
    return this.cls.isActive() ? this.cls.get<string | undefined>(CLS_REQUEST_ID) : undefined;
  }

  get clientIp(): string | undefined {
    return this.cls.isActive() ? this.cls.get<string | undefined>(CLS_CLIENT_IP) : undefined;
  }

  setClientIp(ip: string | undefined): void {
    if (this.cls.isActive()) this.cls.set(CLS_CLIENT_IP, ip);
  }
}
