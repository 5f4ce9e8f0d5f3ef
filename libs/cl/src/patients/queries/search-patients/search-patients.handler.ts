import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { Prisma, TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { PATIENT_INCLUDE, toPatientView } from '../../patient.view';
import { PatientSearch, SearchPatientsQuery } from './search-patients.query';

/** Builds the name condition: "last, first", "first last" or a single term matching either name. */
export function nameFilter(q: string): Prisma.PatientWhereInput {
  const text = q.trim();
  const ci = (value: string) => ({ startsWith: value, mode: 'insensitive' as const });
  if (text.includes(',')) {
    const [last, first] = text.split(',').map((s) => s.trim());
    return { AND: [{ lastName: ci(last ?? '') }, ...(first ? [{ firstName: ci(first) }] : [])] };
  }
  const parts = text.split(/\s+/).filter(Boolean);
  if (parts.length >= 2) {
    const [first, ...rest] = parts;
    const last = rest.join(' ');
    return { OR: [{ AND: [{ firstName: ci(first!) }, { lastName: ci(last) }] }, { AND: [{ lastName: ci(first!) }, { firstName: ci(last) }] }] };
  }
  return { OR: [{ lastName: ci(text) }, { firstName: ci(text) }, { preferredName: ci(text) }] };
}

@QueryHandler(SearchPatientsQuery)
export class SearchPatientsHandler implements IQueryHandler<SearchPatientsQuery> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ search }: SearchPatientsQuery) {
    const ctx = this.requestContext.requireTenant();
    const where = this.where(ctx.organizationId, search);
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const [total, rows] = await Promise.all([
        tx.patient.count({ where }),
        tx.patient.findMany({
          where,
          include: PATIENT_INCLUDE,
          relationLoadStrategy: 'join',
          orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }, { id: 'asc' }],
          skip: (search.page - 1) * search.pageSize,
          take: search.pageSize,
        }),
      ]);
      // Filter names and result ids only: the search terms themselves are PHI. Part 2 results go out with the
      // 42 CFR §2.32 notice, and the audit row names them (CL-11).
      const part2PatientIds = rows.filter((r) => r.chart?.isPart2).map((r) => r.id);
      await this.audit.record({
        action: 'patient.search', resourceType: 'patient', outcome: 'success',
        scope: {
          filters: (['q', 'dateOfBirth', 'mrn', 'siteId', 'ids'] as const).filter((k) => search[k] !== undefined),
          siteId: search.siteId ?? null, page: search.page, pageSize: search.pageSize, total,
          resultPatientIds: rows.map((r) => r.id),
          ...(part2PatientIds.length ? { part2PatientIds, part2NoticeApplies: true } : {}),
        },
      });
      return { items: rows.map(toPatientView), page: search.page, pageSize: search.pageSize, total };
    });
  }

  private where(organizationId: string, s: PatientSearch): Prisma.PatientWhereInput {
    const and: Prisma.PatientWhereInput[] = [{ organizationId }];
    if (s.q) and.push(nameFilter(s.q));
    if (s.dateOfBirth) and.push({ dateOfBirth: new Date(`${s.dateOfBirth}T00:00:00Z`) });
    if (s.mrn) and.push({ chart: { is: { mrn: { equals: s.mrn.trim(), mode: 'insensitive' } } } });
    if (s.siteId) and.push({ siteId: s.siteId });
    if (s.ids) and.push({ id: { in: s.ids.map((id) => id.toLowerCase()) } });
    return { AND: and };
  }
}
