import { Injectable } from '@nestjs/common';

import { PrismaService } from '@cairn/platform/db';
import type { RoleGrant } from '@cairn/platform/tenancy';

import { PrincipalCache } from './principal-cache';

interface AccessRow {
  organization_id: string;
  organization_name: string;
  organization_slug: string;
  role_key: string;
  all_sites: boolean;
  site_ids: string[];
  permission_keys: string[];
}

/**
 * Loads a staff user's active role bindings with their permission keys, through the SECURITY DEFINER
 * function pf_principal_access (bindings are tenant rows, and no tenant context exists yet). Empty when the
 * user is inactive or the session is not alive (revoked by logout or refresh-token reuse, or expired): there is
 * no access without a session. Grants of a live session are
 * served from PrincipalCache for a few seconds (see there for why that is safe).
 */
@Injectable()
export class PrincipalLoader {
  constructor(
    private readonly prisma: PrismaService,
    private readonly cache: PrincipalCache,
  ) {}

  async load(userId: string, sessionId: string): Promise<readonly RoleGrant[]> {
    const cached = this.cache.get(userId, sessionId);
    if (cached) return cached;
    // Taken before the read: a logout that lands while it runs must not be undone by caching what it read.
    const readAt = this.cache.currentGeneration;
    const grants = await this.query(userId, sessionId);
    this.cache.set(userId, sessionId, grants, readAt);
    return grants;
  }

  /**
   * The ids of the sites of an organization at which the user has a binding (every site of it for an all-sites
   * binding), through the SECURITY DEFINER pf_principal_sites. Read only when a request names a site.
   */
  async sitesIn(userId: string, organizationId: string): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<{ site_id: string }[]>`
      SELECT site_id FROM pf_principal_sites(${userId}::uuid) WHERE organization_id = ${organizationId}::uuid`;
    return rows.map((r) => r.site_id);
  }

  private async query(userId: string, sessionId: string): Promise<RoleGrant[]> {
    const rows = await this.prisma.$queryRaw<AccessRow[]>`
      SELECT * FROM pf_principal_access(${userId}::uuid, ${sessionId}::uuid)`;
    return rows.map((r) => ({
      organizationId: r.organization_id,
      organizationName: r.organization_name,
      organizationSlug: r.organization_slug,
      roleKey: r.role_key,
      allSites: r.all_sites,
      siteIds: r.site_ids,
      permissionKeys: r.permission_keys,
    }));
  }
}
