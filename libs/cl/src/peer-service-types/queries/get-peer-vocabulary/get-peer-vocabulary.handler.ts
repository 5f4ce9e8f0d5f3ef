import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TenantTx } from '@cairn/platform/db';
import { RequestContextService } from '@cairn/platform/tenancy';
import { loadPeerVocabulary, PeerVocabularyView } from '../../peer-vocabulary';
import { GetPeerVocabularyQuery } from './get-peer-vocabulary.query';

/** Configuration, not PHI: not audited as a read. */
@QueryHandler(GetPeerVocabularyQuery)
export class GetPeerVocabularyHandler implements IQueryHandler<GetPeerVocabularyQuery, PeerVocabularyView> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
  ) {}

  async execute(): Promise<PeerVocabularyView> {
    const ctx = this.requestContext.requireTenant();
    return this.txHost.withTransaction(() => loadPeerVocabulary(this.txHost.tx, ctx.organizationId));
  }
}
