import { randomUUID } from 'node:crypto';
import { CommandHandler } from '@nestjs/cqrs';

import { ForbiddenError } from '@cairn/platform/http';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { progressNoteConsented } from '../../../consents/infrastructure/part2-consent.repository';
import { checkSession } from '../../domain/progress-note.rules';
import { NOTE_INCLUDE, part2Scope, ProgressNoteView, toProgressNoteView } from '../../domain/progress-note.view';
import { CreateProgressNoteCommand } from './create-progress-note.command';

@CommandHandler(CreateProgressNoteCommand)
@TenantUseCase(CreateProgressNoteCommand, {
  audit: { action: 'progress-note.create', resource: 'progress_note', patient: (c) => c.input.patientId },
})
export class CreateProgressNoteHandler implements ClUseCaseHandler<CreateProgressNoteCommand, ProgressNoteView | null> {
  async execute({ input }: CreateProgressNoteCommand, { ctx, tx, audit }: ClUseCase): Promise<ProgressNoteView | null> {
    const sessionStart = new Date(input.sessionStart);
    const sessionEnd = new Date(input.sessionEnd);
    checkSession(sessionStart, sessionEnd);
    // Row-level security limits this to patients in the caller's scope (care team or site-wide).
    const patient = await tx.patient.findUnique({
      where: { organizationId_id: { organizationId: ctx.organizationId, id: input.patientId } },
      select: { siteId: true },
    });
    if (!patient) {
      audit.scope({ patientIdGiven: true });
      return null;
    }
    if (ctx.siteIds !== 'all' && !ctx.siteIds.includes(patient.siteId))
      throw new ForbiddenError("You do not write notes at this patient's site.");
    // A note of a Part 2 chart is a Part 2 record: only a user whom a consent covers may write (and read) it.
    const consented = await progressNoteConsented(tx, ctx.organizationId, input.patientId);
    if (!consented) {
      // The refusal rolls the transaction back; its row is committed on its own.
      throw audit.refuse(
        'part2: no consent covers progress notes of this chart for you',
        new ForbiddenError('This is a 42 CFR Part 2 record and no consent on file covers progress notes for you.'),
        'denied',
        { part2: true },
      );
    }
    const id = randomUUID();
    await tx.progressNote.create({
      data: {
        organizationId: ctx.organizationId,
        id,
        siteId: patient.siteId,
        patientId: input.patientId,
        appointmentId: input.appointmentId ?? null,
        authorId: ctx.userId,
        sessionStart,
        sessionEnd,
        status: 'draft',
        body: input.body,
      },
    });
    const note = await tx.progressNote.findUniqueOrThrow({
      where: { organizationId_id: { organizationId: ctx.organizationId, id } },
      include: NOTE_INCLUDE,
    });
    audit.set({ resourceId: id }).scope({ appointmentId: input.appointmentId ?? null, ...part2Scope(note) });
    return toProgressNoteView(note);
  }
}
