import { QueryHandler } from '@nestjs/cqrs';

import { Prisma } from '@cairn/platform/db';
import { pagedAuditedList, setFilterNames, TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { PATIENT_INCLUDE, toPatientView } from '../../domain/patient.view';
import { PatientPage, PatientSearch, SearchPatientsQuery } from './search-patients.query';

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
    return {
      OR: [{ AND: [{ firstName: ci(first!) }, { lastName: ci(last) }] }, { AND: [{ lastName: ci(first!) }, { firstName: ci(last) }] }],
    };
  }
  return { OR: [{ lastName: ci(text) }, { firstName: ci(text) }, { preferredName: ci(text) }] };
}

@QueryHandler(SearchPatientsQuery)
@TenantUseCase(SearchPatientsQuery, { audit: { action: 'patient.search', resource: 'patient' } })
export class SearchPatientsHandler implements ClUseCaseHandler<SearchPatientsQuery, PatientPage> {
  async execute({ search }: SearchPatientsQuery, { ctx, tx, audit }: ClUseCase): Promise<PatientPage> {
    const where = this.where(ctx.organizationId, search);
    // Filter names and result ids only: the search terms themselves are PHI. Part 2 results go out with the
    // 42 CFR §2.32 notice, and the audit row names them (CL-11).
    return pagedAuditedList(audit, {
      page: search,
      filters: setFilterNames(search, ['q', 'dateOfBirth', 'mrn', 'siteId', 'ids']),
      count: () => tx.patient.count({ where }),
      rows: ({ skip, take }) =>
        tx.patient.findMany({
          where,
          include: PATIENT_INCLUDE,
          relationLoadStrategy: 'join',
          orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }, { id: 'asc' }],
          skip,
          take,
        }),
      toItems: (rows) => rows.map(toPatientView),
      scope: ({ rows }) => {
        const part2PatientIds = rows.filter((r) => r.chart?.isPart2).map((r) => r.id);
        return {
          siteId: search.siteId ?? null,
          page: search.page,
          pageSize: search.pageSize,
          resultPatientIds: rows.map((r) => r.id),
          ...(part2PatientIds.length ? { part2PatientIds, part2NoticeApplies: true } : {}),
        };
      },
    });
  }

  private where(organizationId: string, s: PatientSearch): Prisma.PatientWhereInput {
    const and: Prisma.PatientWhereInput[] = [{ organizationId }];
    if (s.q) and.push(nameFilter(s.q));
    if (s.dateOfBirth) and.push({ dateOfBirth: new Date(`${s.dateOfBirth}T00:00:00Z`) });
    if (s.mrn) and.push({ chart: { is: { mrn: { equals: s.mrn.trim(), mode: 'insensitive' } } } });
    if (s.siteId) and.push({ siteId: s.siteId });
    if (s.ids) and.push({ id: { in: s.ids } });
    return { AND: and };
  }
}
