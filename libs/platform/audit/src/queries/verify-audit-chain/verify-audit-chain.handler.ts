import { QueryHandler } from '@nestjs/cqrs';

import { TenantUseCase, TenantUseCaseHandler, UseCase } from '@cairn/platform/use-case';

import { ChainVerification, VerifyAuditChainQuery } from './verify-audit-chain.query';

export interface VerifyRow {
  chain_key: string;
  events_checked: bigint;
  first_broken_seq: bigint | null;
  problem: string | null;
}

export function toVerification(r: VerifyRow): ChainVerification {
  return {
    chainKey: r.chain_key,
    eventsChecked: Number(r.events_checked),
    intact: r.first_broken_seq === null,
    firstBrokenSeq: r.first_broken_seq === null ? null : r.first_broken_seq.toString(),
    problem: r.problem,
  };
}

/** Recomputes the organization's hash chain in the database (pf_audit_verify_current) and reports the first broken link. */
@QueryHandler(VerifyAuditChainQuery)
@TenantUseCase(VerifyAuditChainQuery, { audit: { action: 'audit.verify', resource: 'audit_chain' } })
export class VerifyAuditChainHandler implements TenantUseCaseHandler<VerifyAuditChainQuery, ChainVerification> {
  async execute(_query: VerifyAuditChainQuery, { tx, audit }: UseCase): Promise<ChainVerification> {
    const [row] = await tx.$queryRaw<VerifyRow[]>`SELECT * FROM pf_audit_verify_current()`;
    const result = toVerification(row!);
    audit
      .set({ resourceId: result.chainKey })
      .scope({ intact: result.intact, eventsChecked: result.eventsChecked, firstBrokenSeq: result.firstBrokenSeq });
    return result;
  }
}
