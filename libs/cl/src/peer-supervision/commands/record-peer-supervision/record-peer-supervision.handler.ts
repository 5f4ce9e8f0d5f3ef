import { randomUUID } from 'node:crypto';
import { CommandHandler } from '@nestjs/cqrs';

import { ForbiddenError, RuleViolationError } from '@cairn/platform/http';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { assertNotSelfSupervision, assertSupervisionDate } from '../../domain/peer-supervision.rules';
import { PeerSupervisionView, toPeerSupervisionView } from '../../domain/peer-supervision.view';
import {
  assertPeerProvider,
  assertSupervisor,
  callerSupervises,
  organizationToday,
} from '../../infrastructure/peer-supervision-staff.repository';
import { RecordPeerSupervisionCommand } from './record-peer-supervision.command';

@CommandHandler(RecordPeerSupervisionCommand)
@TenantUseCase(RecordPeerSupervisionCommand, { audit: { action: 'peer-supervision.create', resource: 'peer_supervision' } })
export class RecordPeerSupervisionHandler implements ClUseCaseHandler<RecordPeerSupervisionCommand, PeerSupervisionView> {
  async execute({ input }: RecordPeerSupervisionCommand, { ctx, tx, audit }: ClUseCase): Promise<PeerSupervisionView> {
    // Ids arrive in one spelling (@IsId), so they compare as text below.
    // Nobody documents their own supervision (row-level security refuses it too).
    if (input.peerProviderId === ctx.userId)
      throw audit.refuse('own_supervision', new ForbiddenError('You cannot record supervision you received.'));
    let supervisorId = input.supervisorId;
    if (!supervisorId) {
      if (!(await callerSupervises(tx, ctx.organizationId, ctx.userId))) {
        throw new RuleViolationError('Name the supervisor: you do not hold a supervising role.', [
          { field: 'supervisorId', message: 'supervisorId is required when you do not hold a supervising role' },
        ]);
      }
      supervisorId = ctx.userId;
    }
    assertNotSelfSupervision(input.peerProviderId, supervisorId);
    assertSupervisionDate(input.supervisionDate, await organizationToday(tx, ctx.organizationId));
    await assertPeerProvider(tx, ctx.organizationId, input.peerProviderId);
    await assertSupervisor(tx, ctx.organizationId, supervisorId);
    const row = await tx.peerSupervision.create({
      data: {
        organizationId: ctx.organizationId,
        id: randomUUID(),
        peerProviderId: input.peerProviderId,
        supervisorId,
        supervisionDate: new Date(`${input.supervisionDate}T00:00:00Z`),
        durationMinutes: input.durationMinutes,
        modality: input.modality,
        notes: input.notes ?? '',
        createdBy: ctx.userId,
      },
    });
    // Ids and facts only: never the notes.
    audit.set({ resourceId: row.id }).scope({
      peerProviderId: row.peerProviderId,
      supervisorId,
      supervisionDate: input.supervisionDate,
      durationMinutes: row.durationMinutes,
      modality: row.modality,
      hasNotes: row.notes.length > 0,
    });
    return toPeerSupervisionView(row);
  }
}
