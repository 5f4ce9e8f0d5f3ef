import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { ForbiddenError } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
import { checkSession } from '../../progress-note-rules';
import { NOTE_INCLUDE, part2Scope, toProgressNoteView } from '../../progress-note.view';
import { CreateProgressNoteCommand } from './create-progress-note.command';

@CommandHandler(CreateProgressNoteCommand)
export class CreateProgressNoteHandler implements ICommandHandler<CreateProgressNoteCommand> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ input }: CreateProgressNoteCommand) {
    const ctx = this.requestContext.requireTenant();
    const sessionStart = new Date(input.sessionStart);
    const sessionEnd = new Date(input.sessionEnd);
    checkSession(sessionStart, sessionEnd);
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      // Row-level security limits this to patients in the caller's scope (care team or site-wide).
      const patient = await tx.patient.findUnique({ where: { organizationId_id: { organizationId: ctx.organizationId, id: input.patientId } }, select: { siteId: true } });
      if (!patient) {
        await this.audit.record({ action: 'progress-note.create', resourceType: 'progress_note', outcome: 'not_found', scope: { patientIdGiven: true } });
        return null;
      }
      if (ctx.siteIds !== 'all' && !ctx.siteIds.includes(patient.siteId)) throw new ForbiddenError('You do not write notes at this patient\'s site.');
      // A note of a Part 2 chart is a Part 2 record: only a user whom a consent covers may write (and read) it.
      const [{ consented }] = await tx.$queryRaw<{ consented: boolean }[]>`
        SELECT cl_progress_note_consented(${ctx.organizationId}::uuid, ${input.patientId}::uuid) AS consented`;
      if (!consented) {
        // The refusal rolls the transaction back, so it is audited on its own.
        await this.audit.recordDetached({
          action: 'progress-note.create', resourceType: 'progress_note', patientId: input.patientId, outcome: 'denied',
          reason: 'part2: no consent covers progress notes of this chart for you', scope: { part2: true },
        });
        throw new ForbiddenError('This is a 42 CFR Part 2 record and no consent on file covers progress notes for you.');
      }
      const id = randomUUID();
      await tx.progressNote.create({
        data: {
          organizationId: ctx.organizationId, id, siteId: patient.siteId, patientId: input.patientId, appointmentId: input.appointmentId ?? null,
          authorId: ctx.userId, sessionStart, sessionEnd, status: 'draft', body: input.body,
        },
      });
      const note = await tx.progressNote.findUniqueOrThrow({ where: { organizationId_id: { organizationId: ctx.organizationId, id } }, include: NOTE_INCLUDE });
      await this.audit.record({
        action: 'progress-note.create', resourceType: 'progress_note', resourceId: id, patientId: input.patientId, outcome: 'success',
        scope: { appointmentId: input.appointmentId ?? null, ...part2Scope(note) },
      });
      return toProgressNoteView(note);
    });
  }
}
