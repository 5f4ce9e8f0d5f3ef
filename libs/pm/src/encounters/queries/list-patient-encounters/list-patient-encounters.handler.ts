import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { Prisma, TenantTx } from '@cairn/platform/db';
import { EncounterPage, ListPatientEncountersQuery } from '@cairn/platform/scheduling';
import { RequestContextService } from '@cairn/platform/tenancy';
import { toEncounterView } from '../../encounter.view';
import { pageOf, pageWindow } from '@cairn/platform/http';

/**
 * A patient's encounters, newest first, at the caller's permitted sites (row-level security). The chart route in
 * CL has already checked (and audited) that the patient is visible to the caller.
 */
@QueryHandler(ListPatientEncountersQuery)
export class ListPatientEncountersHandler implements IQueryHandler<ListPatientEncountersQuery, EncounterPage> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
  ) {}

  async execute({ filter }: ListPatientEncountersQuery): Promise<EncounterPage> {
    const ctx = this.requestContext.requireTenant();
    const where: Prisma.EncounterWhereInput = {
      organizationId: ctx.organizationId,
      patientId: filter.patientId,
      ...(filter.from || filter.to
        ? { serviceDate: { ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}), ...(filter.to ? { lte: new Date(`${filter.to}T00:00:00Z`) } : {}) } }
        : {}),
    };
    const { skip, take } = pageWindow(filter);
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const [rows, total] = await Promise.all([
        tx.encounter.findMany({
          where, orderBy: [{ serviceDate: 'desc' }, { createdAt: 'desc' }, { id: 'asc' }],
          skip, take,
        }),
        tx.encounter.count({ where }),
      ]);
      return pageOf(rows.map(toEncounterView), total, filter);
    });
  }
}
