import { QueryHandler } from '@nestjs/cqrs';

import { ForbiddenError, RuleViolationError } from '@cairn/platform/http';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { buildSupervisionReport, monthBounds, monthsBetween, PEER_ROLE, SupervisionReport } from '../../domain/peer-supervision.rules';
import { seesOrganization } from '../../infrastructure/peer-supervision-staff.repository';
import { supervisionAggregates } from '../../infrastructure/peer-supervision.repository';
import { GetPeerSupervisionReportQuery } from './get-peer-supervision-report.query';

@QueryHandler(GetPeerSupervisionReportQuery)
@TenantUseCase(GetPeerSupervisionReportQuery, { audit: { action: 'peer-supervision.report', resource: 'peer_supervision' } })
export class GetPeerSupervisionReportHandler implements ClUseCaseHandler<GetPeerSupervisionReportQuery, SupervisionReport> {
  async execute({ filter }: GetPeerSupervisionReportQuery, { ctx, tx, audit }: ClUseCase): Promise<SupervisionReport> {
    monthsBetween(filter.from, filter.to); // 400 naming the field before any work
    const { start, endExclusive } = monthBounds(filter.from, filter.to);
    const orgWide = await seesOrganization(tx);
    const peer = filter.peerProviderId;
    if (peer && !orgWide && peer !== ctx.userId) {
      throw audit.refuse('other_peer', new ForbiddenError('You may report only your own supervision.'), 'denied', {
        from: filter.from,
        to: filter.to,
        peerProviderId: peer,
      });
    }
    // The peers to list, with or without supervision in the period: one named peer (current or former), every
    // active peer specialist of the organization (org-wide), or the caller when they are one.
    const bindings = await tx.roleBinding.findMany({
      where: {
        organizationId: ctx.organizationId,
        roleKey: PEER_ROLE,
        ...(peer
          ? { staffUserId: peer }
          : orgWide
            ? { revokedAt: null, staffUser: { status: 'active' } }
            : { staffUserId: ctx.userId, revokedAt: null }),
      },
      select: { staffUserId: true },
    });
    if (peer && bindings.length === 0) {
      throw new RuleViolationError('peerProviderId is not a peer specialist of this organization.', [
        { field: 'peerProviderId', message: 'peerProviderId is not a peer specialist of this organization' },
      ]);
    }
    // Row-level security limits the sums to the rows the caller may see.
    const aggregates = await supervisionAggregates(tx, ctx.organizationId, start, endExclusive, peer);
    const ids = [...new Set([...bindings.map((b) => b.staffUserId), ...aggregates.map((a) => a.peerProviderId)])];
    // Staff names are not PHI (the staff directory shows them to every role).
    const staff = ids.length ? await tx.staffUser.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } }) : [];
    const names = new Map(staff.map((s) => [s.id, s.displayName]));
    const report = buildSupervisionReport(
      filter.from,
      filter.to,
      ids.map((id) => ({ id, name: names.get(id) ?? null })),
      aggregates,
    );
    audit.scope({
      from: filter.from,
      to: filter.to,
      format: filter.format,
      orgWide,
      peerCount: report.peers.length,
      ...(peer ? { peerProviderId: peer } : {}),
    });
    return report;
  }
}
