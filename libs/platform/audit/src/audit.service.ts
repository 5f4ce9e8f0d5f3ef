import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';

import { AT_COMMIT, Prisma, PrismaService, TenantContext, TenantTx, withTenant } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';

import type { AuditEventInput } from './audit-event';

/**
 * Writes audit events. `record` joins the caller's transaction, so the event commits with the work or not at
 * all, before the response is sent. `recordDetached` commits on its own: for denials and failures, whose
 * request transaction (if any) rolls back.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly prisma: PrismaService,
    private readonly requestContext: RequestContextService,
  ) {}

  async record(event: AuditEventInput): Promise<void> {
    if (!this.txHost.isTransactionActive()) {
      throw new Error('AuditService.record must run inside the transaction of the audited work');
    }
    await this.recordIn(this.txHost.tx, event);
  }

  /** Commits the event in a transaction of its own, under a context that names its organization only. */
  async recordDetached(event: AuditEventInput): Promise<void> {
    const tenant = this.requestContext.tenant;
    const organizationId = event.organizationId !== undefined ? event.organizationId : (tenant?.organizationId ?? null);
    const ctx: TenantContext | undefined = organizationId
      ? { organizationId, userId: event.actorUserId ?? tenant?.userId ?? '', siteIds: [], patientScope: 'none' }
      : undefined;
    if (ctx) {
      await withTenant(this.prisma, ctx, (tx) => this.recordIn(tx, { ...event, organizationId }));
    } else {
      await this.recordIn(this.prisma, { ...event, organizationId: null });
    }
  }

  /**
   * Records an outsider's event (a denied attempt on an organization the actor has no binding in) in that
   * organization's own chain, where its auditors see it, committed on its own. Writes nothing, and starts no
   * chain, for an id that names no organization. Returns whether it wrote.
   */
  async recordDetachedInOrganization(organizationId: string, event: AuditEventInput): Promise<boolean> {
    const [row] = await this.prisma.$queryRaw<{ found: boolean }[]>`SELECT pf_organization_exists(${organizationId}::uuid) AS found`;
    if (!row?.found) return false;
    await this.recordDetached({ ...event, organizationId });
    return true;
  }

  /** Writes the event with an explicit client (a transaction the caller opened itself). */
  async recordIn(client: Pick<PrismaService, '$executeRaw'>, event: AuditEventInput): Promise<void> {
    const tenant = this.requestContext.tenant;
    const principal = this.requestContext.principal;
    const organizationId = event.organizationId !== undefined ? event.organizationId : (tenant?.organizationId ?? null);
    const actorUserId = event.actorUserId !== undefined ? event.actorUserId : (principal?.userId ?? tenant?.userId ?? null);
    const actorType = event.actorType ?? (tenant?.patientScope === 'portal' ? 'client' : actorUserId ? 'staff' : 'anonymous');
    const scope = { ...(tenant && event.scope?.['sites'] === undefined ? { sites: tenant.siteIds } : {}), ...(event.scope ?? {}) };
    // The trigger derives chain_key and seals the row (seq, prev_hash, hash) as it is inserted. Inside a transaction
    // the insert is held back and sent with the COMMIT (AT_COMMIT), so the chain's lock lasts only for the commit.
    await client.$executeRaw(Prisma.sql`${Prisma.raw(AT_COMMIT)} INSERT INTO pf_audit_events (chain_key, organization_id,
        actor_user_id, actor_type, action, resource_type, resource_id, patient_id, scope, outcome, reason, request_id, ip)
      VALUES ('00000000-0000-0000-0000-000000000000'::uuid, ${organizationId}::uuid, ${actorUserId || null}::uuid,
        ${actorType}, ${event.action}, ${event.resourceType}, ${event.resourceId ?? null}, ${event.patientId ?? null}::uuid,
        ${JSON.stringify(scope)}::jsonb, ${event.outcome}, ${event.reason ?? null}, ${this.requestContext.requestId ?? null},
        ${this.requestContext.clientIp ?? null})`);
  }
}
