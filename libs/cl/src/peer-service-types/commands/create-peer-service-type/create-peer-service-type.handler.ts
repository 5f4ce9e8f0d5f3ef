import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { ConflictError } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
import type { PeerServiceTypeView } from '../../peer-vocabulary';
import { CreatePeerServiceTypeCommand } from './create-peer-service-type.command';

@CommandHandler(CreatePeerServiceTypeCommand)
export class CreatePeerServiceTypeHandler implements ICommandHandler<CreatePeerServiceTypeCommand> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ key, label }: CreatePeerServiceTypeCommand): Promise<PeerServiceTypeView> {
    const ctx = this.requestContext.requireTenant();
    const org = ctx.organizationId;
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const id = randomUUID();
      // ON CONFLICT: a taken key answers 409 without aborting the transaction.
      const rows = await tx.$queryRaw<{ id: string }[]>`
        INSERT INTO cl_peer_service_types (organization_id, id, key, label, created_by)
        VALUES (${org}::uuid, ${id}::uuid, ${key}, ${label.trim()}, ${ctx.userId}::uuid)
        ON CONFLICT (organization_id, key) DO NOTHING RETURNING id`;
      if (rows.length === 0) throw new ConflictError(`The organization already has a peer service type with key ${key}.`);
      await this.audit.record({ action: 'peer-service-type.create', resourceType: 'peer_service_type', resourceId: id, outcome: 'success', scope: { key } });
      return { id, key, label: label.trim(), source: 'organization', active: true };
    });
  }
}
