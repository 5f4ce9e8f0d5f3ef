import { QueryHandler } from '@nestjs/cqrs';

import { Prisma } from '@cairn/platform/db';
import type { Page } from '@cairn/platform/http';
import { TenantUseCase, TenantUseCaseHandler, UseCase } from '@cairn/platform/use-case';

import { ListStaffDirectoryQuery, StaffDirectoryEntry } from './list-staff-directory.query';

interface DirectoryRow {
  id: string;
  display_name: string;
  roles: string[];
  total: number;
}

/** `%`, `_` and `\` in the search text match themselves. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * Reads pf_role_bindings in the request's tenant transaction, so its tenant_read policy shows only the context
 * organization's bindings (and only to a caller bound there): another organization's staff never match, even
 * by id. Names come from pf_staff_users (not a tenant table). Not audited: staff names and roles are not PHI.
 */
@QueryHandler(ListStaffDirectoryQuery)
@TenantUseCase(ListStaffDirectoryQuery, { audit: false, reason: 'staff names and roles are not PHI: every role may read the directory' })
export class ListStaffDirectoryHandler implements TenantUseCaseHandler<ListStaffDirectoryQuery, Page<StaffDirectoryEntry>> {
  async execute({ filter }: ListStaffDirectoryQuery, { ctx, tx }: UseCase): Promise<Page<StaffDirectoryEntry>> {
    const conditions: Prisma.Sql[] = [Prisma.sql`b.organization_id = ${ctx.organizationId}::uuid`, Prisma.sql`b.revoked_at IS NULL`];
    if (filter.ids) conditions.push(Prisma.sql`u.id = ANY (${filter.ids}::uuid[])`);
    if (filter.q) conditions.push(Prisma.sql`u.display_name ILIKE ${likePattern(filter.q)}`);
    const where = Prisma.join(conditions, ' AND ');
    const rows = await tx.$queryRaw<DirectoryRow[]>`
      SELECT u.id, u.display_name, array_agg(DISTINCT b.role_key ORDER BY b.role_key) AS roles,
             (count(*) OVER ())::int AS total
      FROM pf_role_bindings b
      JOIN pf_staff_users u ON u.id = b.staff_user_id
      WHERE ${where}
      GROUP BY u.id, u.display_name
      ORDER BY u.display_name, u.id
      LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`;
    // Past the last page the window count has no row to ride on: count on its own.
    const total =
      rows[0]?.total ??
      (filter.page > 1
        ? (
            await tx.$queryRaw<{ n: number }[]>`
          SELECT count(DISTINCT u.id)::int AS n FROM pf_role_bindings b JOIN pf_staff_users u ON u.id = b.staff_user_id
          WHERE ${where}`
          )[0]!.n
        : 0);
    return {
      items: rows.map((r) => ({ id: r.id, displayName: r.display_name, roles: r.roles })),
      page: filter.page,
      pageSize: filter.pageSize,
      total,
    };
  }
}
