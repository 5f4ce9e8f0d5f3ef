import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { ForbiddenError } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
import { checkSession } from '../../progress-note-rules';
import { NOTE_INCLUDE, toProgressNoteView } from '../../progress-note.view';
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
      const id = randomUUID();
      await tx.progressNote.create({
        data: {
          organizationId: ctx.organizationId, id, siteId: patient.siteId, patientId: input.patientId, appointmentId: input.appointmentId ?? null,
          authorId: ctx.userId, sessionStart, sessionEnd, status: 'draft', body: input.body,
        },
      });
      await this.audit.record({
        action: 'progress-note.create', resourceType: 'progress_note', resourceId: id, patientId: input.patientId, outcome: 'success',
        scope: { appointmentId: input.appointmentId ?? null },
      });
      const note = await tx.progressNote.findUniqueOrThrow({ where: { organizationId_id: { organizationId: ctx.organizationId, id } }, include: NOTE_INCLUDE });
      return toProgressNoteView(note);
    });
  }
}
