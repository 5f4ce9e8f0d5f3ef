import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { Page, pageOf, pageWindow } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
import { PEER_ENCOUNTER_INCLUDE, PeerEncounterView, toPeerEncounterView } from '../../peer-encounter.view';
import { ListPatientPeerEncountersQuery } from './list-patient-peer-encounters.query';

@QueryHandler(ListPatientPeerEncountersQuery)
export class ListPatientPeerEncountersHandler implements IQueryHandler<ListPatientPeerEncountersQuery, Page<PeerEncounterView> | null> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ filter }: ListPatientPeerEncountersQuery): Promise<Page<PeerEncounterView> | null> {
    const ctx = this.requestContext.requireTenant();
    const org = ctx.organizationId;
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const patient = await tx.patient.findUnique({ where: { organizationId_id: { organizationId: org, id: filter.patientId } }, select: { chart: { select: { isPart2: true } } } });
      if (!patient) {
        await this.audit.record({ action: 'peer-encounter.list', resourceType: 'patient', resourceId: filter.patientId, outcome: 'not_found' });
        return null;
      }
      const { skip, take } = pageWindow(filter);
      // Row-level security drops encounters outside the caller's sites and, on a Part 2 chart, every one when no
      // consent covers peer encounters for the caller: the list is then empty.
      const where = {
        organizationId: org, patientId: filter.patientId,
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.from || filter.to ? { serviceDate: { ...(filter.from ? { gte: new Date(`${filter.from}T00:00:00Z`) } : {}), ...(filter.to ? { lte: new Date(`${filter.to}T00:00:00Z`) } : {}) } } : {}),
      };
      const rows = await tx.peerEncounter.findMany({ where, include: PEER_ENCOUNTER_INCLUDE, orderBy: [{ serviceDate: 'desc' }, { startTime: 'desc' }, { id: 'asc' }], skip, take });
      const total = await tx.peerEncounter.count({ where });
      const part2 = patient.chart?.isPart2 === true;
      await this.audit.record({
        action: 'peer-encounter.list', resourceType: 'patient', resourceId: filter.patientId, patientId: filter.patientId, outcome: 'success',
        scope: { peerEncounterIds: rows.map((r) => r.id), total, ...(part2 ? { part2: true, part2NoticeApplies: rows.length > 0 } : {}) },
      });
      return pageOf(rows.map(toPeerEncounterView), total, filter);
    });
  }
}
