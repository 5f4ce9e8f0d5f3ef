import { Query } from '@nestjs/cqrs';

export interface ChainVerification {
  chainKey: string;
  eventsChecked: number;
  intact: boolean;
  firstBrokenSeq: string | null;
  problem: string | null;
}

export class VerifyAuditChainQuery extends Query<ChainVerification> {}
