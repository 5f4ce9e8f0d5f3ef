import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { ForbiddenError, RuleViolationError } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
import { assertPeerProvider, assertSupervisor, callerSupervises, organizationToday } from '../../peer-supervision-checks';
import { assertSupervisionDate, assertNotSelfSupervision } from '../../peer-supervision-rules';
import { toPeerSupervisionView } from '../../peer-supervision.view';
import { RecordPeerSupervisionCommand } from './record-peer-supervision.command';

@CommandHandler(RecordPeerSupervisionCommand)
export class RecordPeerSupervisionHandler implements ICommandHandler<RecordPeerSupervisionCommand> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ input: given }: RecordPeerSupervisionCommand) {
    const ctx = this.requestContext.requireTenant();
    // UUIDs compare as text below: one spelling.
    const input = { ...given, peerProviderId: given.peerProviderId.toLowerCase(), supervisorId: given.supervisorId?.toLowerCase() };
    // Nobody documents their own supervision (row-level security refuses it too).
    if (input.peerProviderId === ctx.userId) {
      await this.audit.recordDetached({ action: 'peer-supervision.create', resourceType: 'peer_supervision', outcome: 'denied', reason: 'own_supervision' });
      throw new ForbiddenError('You cannot record supervision you received.');
    }
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
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
          organizationId: ctx.organizationId, id: randomUUID(), peerProviderId: input.peerProviderId, supervisorId,
          supervisionDate: new Date(`${input.supervisionDate}T00:00:00Z`), durationMinutes: input.durationMinutes, modality: input.modality,
          notes: input.notes ?? '', createdBy: ctx.userId,
        },
      });
      // Ids and facts only: never the notes.
      await this.audit.record({
        action: 'peer-supervision.create', resourceType: 'peer_supervision', resourceId: row.id, outcome: 'success',
        scope: {
          peerProviderId: row.peerProviderId, supervisorId, supervisionDate: input.supervisionDate, durationMinutes: row.durationMinutes,
          modality: row.modality, hasNotes: row.notes.length > 0,
        },
      });
      return toPeerSupervisionView(row);
    });
  }
}
