import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { AuditService } from '../../audit.service';
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
export class VerifyAuditChainHandler implements IQueryHandler<VerifyAuditChainQuery> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute(): Promise<ChainVerification> {
    this.requestContext.requireTenant();
    return this.txHost.withTransaction(async () => {
      const [row] = await this.txHost.tx.$queryRaw<VerifyRow[]>`SELECT * FROM pf_audit_verify_current()`;
      const result = toVerification(row!);
      await this.audit.record({
        action: 'audit.verify', resourceType: 'audit_chain', resourceId: result.chainKey, outcome: 'success',
        scope: { intact: result.intact, eventsChecked: result.eventsChecked, firstBrokenSeq: result.firstBrokenSeq },
      });
      return result;
    });
  }
}
