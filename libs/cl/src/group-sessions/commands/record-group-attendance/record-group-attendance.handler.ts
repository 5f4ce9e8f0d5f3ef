import { randomUUID } from 'node:crypto';
import { CommandHandler } from '@nestjs/cqrs';

import { InvalidInputError } from '@cairn/platform/http';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { assertDraft, resolveRoster } from '../../domain/group-session.rules';
import type { GroupSessionView } from '../../domain/group-session.view';
import { loadGroupSession } from '../../infrastructure/group-session.repository';
import { lockSession } from '../../infrastructure/session-lock.repository';
import { RecordGroupAttendanceCommand } from './record-group-attendance.command';

@CommandHandler(RecordGroupAttendanceCommand)
@TenantUseCase(RecordGroupAttendanceCommand, {
  audit: { action: 'group-session.attendance.record', resource: 'group_session', id: (c) => c.sessionId },
})
export class RecordGroupAttendanceHandler implements ClUseCaseHandler<RecordGroupAttendanceCommand, GroupSessionView | null> {
  async execute({ sessionId, attendees }: RecordGroupAttendanceCommand, { ctx, tx, audit }: ClUseCase): Promise<GroupSessionView | null> {
    const org = ctx.organizationId;
    // The row lock first (infrastructure/session-lock.repository.ts): a concurrent document either sees this write committed or makes it a 409.
    const locked = await lockSession(tx, org, sessionId);
    if (!locked) return null;
    assertDraft(locked);
    const session = await tx.groupSession.findUniqueOrThrow({
      where: { organizationId_id: { organizationId: org, id: sessionId } },
      select: { siteId: true, startTime: true, endTime: true },
    });
    const roster = resolveRoster(attendees, session);

    // Attendees are patients with a chart that the caller can see (row-level security on cl_charts follows
    // cl_patients: site-wide or care-team scope). Unknown and out-of-scope patients answer alike.
    const charts = await tx.chart.findMany({
      where: { organizationId: org, patientId: { in: roster.map((r) => r.patientId) } },
      select: { id: true, patientId: true },
    });
    const chartOf = new Map(charts.map((c) => [c.patientId, c.id]));
    const missing = roster.findIndex((r) => !chartOf.has(r.patientId));
    if (missing >= 0) {
      const field = `attendees.${missing}.patientId`;
      throw new InvalidInputError(`${field} is not a patient with a chart in your scope.`, [
        { field, message: 'not a patient with a chart in your scope' },
      ]);
    }

    for (const r of roster) {
      const values = {
        status: r.status,
        minutesAttended: r.minutesAttended,
        arrivalTime: r.arrivalTime,
        departureTime: r.departureTime,
        recordedBy: ctx.userId,
        recordedAt: new Date(),
      };
      await tx.groupAttendance.upsert({
        where: { organizationId_sessionId_patientId: { organizationId: org, sessionId, patientId: r.patientId } },
        create: {
          organizationId: org,
          id: randomUUID(),
          sessionId,
          siteId: session.siteId,
          patientId: r.patientId,
          chartId: chartOf.get(r.patientId)!,
          ...values,
        },
        // Recording a removed patient again puts them back on the roster.
        update: { ...values, removedAt: null, removedBy: null },
      });
    }
    const loaded = (await loadGroupSession(tx, org, sessionId))!;
    // One audit row per attendee, so a patient's access history lists this write.
    if (loaded.auditScope['part2'] === true) audit.scope({ part2: true });
    audit.rowPerPatient(roster.map((r) => ({ patientId: r.patientId, scope: { status: r.status } })));
    return loaded.view;
  }
}
