import { QueryHandler } from '@nestjs/cqrs';

import { Prisma } from '@cairn/platform/db';
import { pageOf, pageWindow } from '@cairn/platform/http';
import { EncounterPage, ListPatientEncountersQuery } from '@cairn/platform/scheduling';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { PmUseCase, PmUseCaseHandler } from '../../../pm.tx';
import { toEncounterView } from '../../domain/encounter.view';

/**
 * A patient's encounters, newest first, at the caller's permitted sites (row-level security). The chart route in
 * CL has already checked (and audited) that the patient is visible to the caller.
 */
@QueryHandler(ListPatientEncountersQuery)
@TenantUseCase(ListPatientEncountersQuery, {
  audit: false,
  reason:
    "answers CL's chart route only, in its transaction, which checks and audits the patient's encounters read (patient.encounters.read)",
})
export class ListPatientEncountersHandler implements PmUseCaseHandler<ListPatientEncountersQuery, EncounterPage> {
  async execute({ filter }: ListPatientEncountersQuery, { ctx, tx }: PmUseCase): Promise<EncounterPage> {
    const where: Prisma.EncounterWhereInput = {
      organizationId: ctx.organizationId,
      patientId: filter.patientId,
      ...(filter.from || filter.to
        ? {
            serviceDate: {
              ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}),
              ...(filter.to ? { lte: new Date(`${filter.to}T00:00:00Z`) } : {}),
            },
          }
        : {}),
    };
    const { skip, take } = pageWindow(filter);
    const [rows, total] = await Promise.all([
      tx.encounter.findMany({ where, orderBy: [{ serviceDate: 'desc' }, { createdAt: 'desc' }, { id: 'asc' }], skip, take }),
      tx.encounter.count({ where }),
    ]);
    return pageOf(rows.map(toEncounterView), total, filter);
  }
}
