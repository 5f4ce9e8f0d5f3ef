import { CommandHandler } from '@nestjs/cqrs';

import { ForbiddenError, isoDate } from '@cairn/platform/http';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { assertEditable, assertNotSelfSupervision, assertSupervisionDate } from '../../domain/peer-supervision.rules';
import { PeerSupervisionView, toPeerSupervisionView } from '../../domain/peer-supervision.view';
import { assertPeerProvider, assertSupervisor, organizationToday } from '../../infrastructure/peer-supervision-staff.repository';
import { lockPeerSupervision } from '../../infrastructure/peer-supervision.repository';
import { EditPeerSupervisionCommand } from './edit-peer-supervision.command';

/** The fields whose old and new values the audit row keeps (the notes are PHI: only whether they changed). */
const FACT_FIELDS = ['peerProviderId', 'supervisorId', 'supervisionDate', 'durationMinutes', 'modality'] as const;

@CommandHandler(EditPeerSupervisionCommand)
@TenantUseCase(EditPeerSupervisionCommand, { audit: { action: 'peer-supervision.update', resource: 'peer_supervision', id: (c) => c.id } })
export class EditPeerSupervisionHandler implements ClUseCaseHandler<EditPeerSupervisionCommand, PeerSupervisionView | null> {
  async execute({ id, changes: given }: EditPeerSupervisionCommand, { ctx, tx, audit }: ClUseCase): Promise<PeerSupervisionView | null> {
    // A null is "no change" like an absent field (every column is required); Ids arrive in one spelling (@IsId).
    const changes = {
      peerProviderId: given.peerProviderId ?? undefined,
      supervisorId: given.supervisorId ?? undefined,
      supervisionDate: given.supervisionDate ?? undefined,
      durationMinutes: given.durationMinutes ?? undefined,
      modality: given.modality ?? undefined,
      notes: given.notes ?? undefined,
    };
    const where = { organizationId_id: { organizationId: ctx.organizationId, id } };
    // Row-level security: only rows the caller may read; locked so two corrections apply one after the other.
    await lockPeerSupervision(tx, ctx.organizationId, id);
    const row = await tx.peerSupervision.findUnique({ where });
    if (!row) return null;
    // Refusals throw, rolling the transaction back: the pipeline commits their audit rows on their own.
    if (row.createdBy !== ctx.userId)
      throw audit.refuse('not_recorder', new ForbiddenError('Only the person who recorded this supervision can correct it.'));
    try {
      assertEditable(row.createdAt);
    } catch (e) {
      throw audit.refuse('edit_window_closed', e);
    }
    if (changes.peerProviderId !== undefined && changes.peerProviderId === ctx.userId) {
      throw audit.refuse('own_supervision', new ForbiddenError('You cannot record supervision you received.'));
    }
    const before = {
      peerProviderId: row.peerProviderId,
      supervisorId: row.supervisorId,
      supervisionDate: isoDate(row.supervisionDate),
      durationMinutes: row.durationMinutes,
      modality: row.modality,
    };
    const after = {
      peerProviderId: changes.peerProviderId ?? before.peerProviderId,
      supervisorId: changes.supervisorId ?? before.supervisorId,
      supervisionDate: changes.supervisionDate ?? before.supervisionDate,
      durationMinutes: changes.durationMinutes ?? before.durationMinutes,
      modality: changes.modality ?? before.modality,
    };
    assertNotSelfSupervision(after.peerProviderId, after.supervisorId);
    if (after.supervisionDate !== before.supervisionDate)
      assertSupervisionDate(after.supervisionDate, await organizationToday(tx, ctx.organizationId));
    if (after.peerProviderId !== before.peerProviderId) await assertPeerProvider(tx, ctx.organizationId, after.peerProviderId);
    if (after.supervisorId !== before.supervisorId) await assertSupervisor(tx, ctx.organizationId, after.supervisorId);

    const changed = FACT_FIELDS.filter((f) => before[f] !== after[f]);
    const notesChanged = changes.notes !== undefined && changes.notes !== row.notes;
    const updated =
      changed.length === 0 && !notesChanged
        ? row
        : await tx.peerSupervision.update({
            where,
            data: {
              peerProviderId: after.peerProviderId,
              supervisorId: after.supervisorId,
              supervisionDate: new Date(`${after.supervisionDate}T00:00:00Z`),
              durationMinutes: after.durationMinutes,
              modality: after.modality,
              ...(notesChanged ? { notes: changes.notes } : {}),
            },
          });
    audit.scope({
      fields: [...changed, ...(notesChanged ? ['notes'] : [])],
      before: Object.fromEntries(changed.map((f) => [f, before[f]])),
      after: Object.fromEntries(changed.map((f) => [f, after[f]])),
      notesChanged,
    });
    return toPeerSupervisionView(updated);
  }
}
