import { randomUUID } from 'node:crypto';
import { CommandHandler } from '@nestjs/cqrs';

import { ConflictError } from '@cairn/platform/http';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { insertPeerServiceTypeOnce } from '../../infrastructure/peer-service-type.repository';
import type { PeerServiceTypeView } from '../../infrastructure/peer-vocabulary.repository';
import { CreatePeerServiceTypeCommand } from './create-peer-service-type.command';

@CommandHandler(CreatePeerServiceTypeCommand)
@TenantUseCase(CreatePeerServiceTypeCommand, { audit: { action: 'peer-service-type.create', resource: 'peer_service_type' } })
export class CreatePeerServiceTypeHandler implements ClUseCaseHandler<CreatePeerServiceTypeCommand, PeerServiceTypeView> {
  async execute({ key, label }: CreatePeerServiceTypeCommand, { ctx, tx, audit }: ClUseCase): Promise<PeerServiceTypeView> {
    const org = ctx.organizationId;
    const id = randomUUID();
    // ON CONFLICT: a taken key answers 409 without aborting the transaction (and writes no row).
    const inserted = await insertPeerServiceTypeOnce(tx, { organizationId: org, id, key, label: label.trim(), createdBy: ctx.userId });
    if (!inserted) throw new ConflictError(`The organization already has a peer service type with key ${key}.`);
    audit.set({ resourceId: id }).scope({ key });
    return { id, key, label: label.trim(), source: 'organization', active: true };
  }
}
