import { CommandHandler } from '@nestjs/cqrs';

import { CL_GROUP_SESSION_DOCUMENTED_V1, type ClGroupSessionDocumentedV1, type GroupSessionModality } from '@cairn/platform/clinical';
import { ConflictError, ForbiddenError, isoDate } from '@cairn/platform/http';
import { serviceHasEnded } from '@cairn/platform/kernel';
import { OutboxPublisher } from '@cairn/platform/messaging';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { assertDocumentable, assertDraft, assertSessionEnded, minutesOf } from '../../domain/group-session.rules';
import type { GroupSessionView } from '../../domain/group-session.view';
import { loadGroupSession } from '../../infrastructure/group-session.repository';
import { DocumentGroupSessionCommand } from './document-group-session.command';

@CommandHandler(DocumentGroupSessionCommand)
@TenantUseCase(DocumentGroupSessionCommand, {
  audit: { action: 'group-session.document', resource: 'group_session', id: (c) => c.sessionId },
})
export class DocumentGroupSessionHandler implements ClUseCaseHandler<DocumentGroupSessionCommand, GroupSessionView | null> {
  constructor(private readonly outbox: OutboxPublisher) {}

  async execute({ sessionId }: DocumentGroupSessionCommand, { ctx, tx, audit }: ClUseCase): Promise<GroupSessionView | null> {
    const org = ctx.organizationId;
    const documentedAt = new Date();
    // The guard against double signing: a conditional UPDATE, first. Of two concurrent signs the second waits
    // for the first's row lock, then finds the status no longer 'draft', updates nothing and answers 409: one
    // event. Writes to the draft lock the same row first (infrastructure/session-lock.repository.ts), so the roster read below is final.
    // Every refusal below throws, which rolls the UPDATE back (and, as before, writes no audit row).
    const { count } = await tx.groupSession.updateMany({
      where: { organizationId: org, id: sessionId, status: 'draft' },
      data: { status: 'documented', documentedAt, documentedBy: ctx.userId },
    });
    const loaded = await loadGroupSession(tx, org, sessionId);
    if (!loaded) return null;
    const { session: before, rows, total } = loaded;
    if (count !== 1) {
      assertDraft(before);
      throw new ConflictError('The group session is already documented.');
    }
    if (before.facilitatorId !== ctx.userId && !before.group.facilitatorIds.includes(ctx.userId)) {
      throw new ForbiddenError('Only a facilitator of the group documents its sessions.');
    }
    assertDocumentable(total);
    // No billing before the service: a session is signed (and so generated, approved and charged) only once it
    // has ended at its site, by the site's clock.
    const site = await tx.site.findUnique({
      where: { organizationId_id: { organizationId: org, id: before.siteId } },
      select: { timezone: true },
    });
    try {
      assertSessionEnded(serviceHasEnded(isoDate(before.sessionDate), before.endTime, site?.timezone ?? 'UTC', documentedAt));
    } catch (e) {
      throw audit.refuse('session_not_ended', e as Error);
    }
    // The event lists the whole roster; a signer who cannot see every attendee would publish a partial one.
    if (rows.length !== total)
      throw new ForbiddenError(
        'Some attendees of this session are outside your patient scope; a colleague who sees them all must document it.',
      );

    const payload: ClGroupSessionDocumentedV1 = {
      organization_id: org,
      session_id: sessionId,
      group_id: before.groupId,
      site_id: before.siteId,
      group_type: before.group.groupType,
      sud_program: before.group.sudProgram,
      modality: before.modality as GroupSessionModality,
      session_date: isoDate(before.sessionDate),
      start_time: before.startTime,
      end_time: before.endTime,
      duration_minutes: minutesOf(before.endTime) - minutesOf(before.startTime),
      facilitator_id: before.facilitatorId,
      documented_by: ctx.userId,
      documented_at: documentedAt.toISOString(),
      attendees: rows.map((a) => ({
        patient_id: a.patientId,
        chart_id: a.chartId,
        attendance_status: a.status as 'present' | 'partial' | 'absent',
        minutes_attended: a.minutesAttended,
      })),
    };
    const event = await this.outbox.publish(CL_GROUP_SESSION_DOCUMENTED_V1, org, payload);
    audit.scope({ eventId: event.id, attendeeCount: rows.length, ...(before.group.sudProgram ? { part2: true } : {}) });
    return loaded.view;
  }
}
