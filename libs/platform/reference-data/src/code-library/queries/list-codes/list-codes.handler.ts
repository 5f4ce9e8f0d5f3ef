import { QueryHandler } from '@nestjs/cqrs';

import { CodePage, ListCodesQuery } from '@cairn/platform/code-library';
import { Prisma } from '@cairn/platform/db';
import { TenantUseCase, TenantUseCaseHandler, UseCase } from '@cairn/platform/use-case';

import { CodeRow, likeLiteral, NO_ORGANIZATION, toCodeView } from '../../code-row';

@QueryHandler(ListCodesQuery)
@TenantUseCase(ListCodesQuery, {
  audit: false,
  reason: 'reference data (codes, jurisdiction rules): no PHI, no tenant resource',
  tenant: 'optional',
  transaction: 'audit-only',
})
export class ListCodesHandler implements TenantUseCaseHandler<ListCodesQuery, CodePage> {
  async execute({ search }: ListCodesQuery, { tenant, inTransaction }: UseCase): Promise<CodePage> {
    const organizationId = tenant?.organizationId ?? NO_ORGANIZATION;
    const q = search.q?.trim() || null;
    const filters = Prisma.sql`
      WITH org_codes AS (
        SELECT system, code, effective_from, effective_to, short_description, unit_basis, minimum_minutes, maximum_minutes,
               'organization'::text AS source
        FROM pf_organization_codes WHERE organization_id = ${organizationId}::uuid
      ), codes AS (
        SELECT * FROM org_codes
        UNION ALL
        SELECT n.system, n.code, n.effective_from, n.effective_to, n.short_description, n.unit_basis, n.minimum_minutes,
               n.maximum_minutes, 'national'::text
        FROM pf_codes n WHERE NOT EXISTS (SELECT 1 FROM org_codes o WHERE o.system = n.system AND o.code = n.code)
      )
      SELECT * FROM codes
      WHERE (${search.system ?? null}::text IS NULL OR system = ${search.system ?? null}::text)
        AND (${q}::text IS NULL OR code ILIKE ${q ? `${likeLiteral(q)}%` : null}::text
             OR short_description ILIKE ${q ? `%${likeLiteral(q)}%` : null}::text)
        AND (${search.on ?? null}::date IS NULL
             OR (effective_from <= ${search.on ?? null}::date AND (effective_to IS NULL OR effective_to >= ${search.on ?? null}::date)))`;
    // The organization's own codes are under row-level security: read them in a tenant transaction.
    return inTransaction(async (tx) => {
      const [{ total }] = await tx.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM (${filters}) AS f`;
      const rows = await tx.$queryRaw<CodeRow[]>`
        SELECT * FROM (${filters}) AS f ORDER BY system, code, effective_from
        LIMIT ${search.pageSize} OFFSET ${(search.page - 1) * search.pageSize}`;
      return { items: rows.map(toCodeView), page: search.page, pageSize: search.pageSize, total: total ?? 0 };
    });
  }
}
