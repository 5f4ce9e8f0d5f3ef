import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { CodePage, ListCodesQuery } from '@cairn/platform/code-library';
import { Prisma, TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { CodeRow, likeLiteral, NO_ORGANIZATION, toCodeView } from '../../code-row';

@QueryHandler(ListCodesQuery)
export class ListCodesHandler implements IQueryHandler<ListCodesQuery> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
  ) {}

  async execute({ search }: ListCodesQuery): Promise<CodePage> {
    const organizationId = this.requestContext.tenant?.organizationId ?? NO_ORGANIZATION;
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
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const [{ total }] = await tx.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM (${filters}) AS f`;
      const rows = await tx.$queryRaw<CodeRow[]>`
        SELECT * FROM (${filters}) AS f ORDER BY system, code, effective_from
        LIMIT ${search.pageSize} OFFSET ${(search.page - 1) * search.pageSize}`;
      return { items: rows.map(toCodeView), page: search.page, pageSize: search.pageSize, total: total ?? 0 };
    });
  }
}
