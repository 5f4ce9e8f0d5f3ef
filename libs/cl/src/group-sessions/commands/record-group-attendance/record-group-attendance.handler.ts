import { randomUUID } from 'node:crypto';
import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { TransactionHost } from '@nestjs-cls/transactional';
import { AuditService } from '@cairn/platform/audit';
import { TenantTx } from '@cairn/platform/db';
import { InvalidInputError } from '@cairn/platform/http';
import { RequestContextService } from '@cairn/platform/tenancy';
import { loadGroupSession } from '../../group-session-reader';
import { assertDraft, resolveRoster } from '../../group-session-rules';
import { lockSession } from '../../session-lock';
import { RecordGroupAttendanceCommand } from './record-group-attendance.command';

@CommandHandler(RecordGroupAttendanceCommand)
export class RecordGroupAttendanceHandler implements ICommandHandler<RecordGroupAttendanceCommand> {
  constructor(
    private readonly txHost: TransactionHost<TenantTx>,
    private readonly requestContext: RequestContextService,
    private readonly audit: AuditService,
  ) {}

  async execute({ sessionId, attendees }: RecordGroupAttendanceCommand) {
    const ctx = this.requestContext.requireTenant();
    const org = ctx.organizationId;
    return this.txHost.withTransaction(async () => {
      const tx = this.txHost.tx;
      const locked = await lockSession(tx, org, sessionId);
      if (!locked) {
        await this.audit.record({ action: 'group-session.attendance.record', resourceType: 'group_session', resourceId: sessionId, outcome: 'not_found' });
        return null;
      }
      assertDraft(locked);
      const session = await tx.groupSession.findUniqueOrThrow({ where: { organizationId_id: { organizationId: org, id: sessionId } }, select: { siteId: true, startTime: true, endTime: true } });
      const roster = resolveRoster(attendees, session);

      // Attendees are patients with a chart that the caller can see (row-level security on cl_charts follows
      // cl_patients: site-wide or care-team scope). Unknown and out-of-scope patients answer alike.
      const charts = await tx.chart.findMany({ where: { organizationId: org, patientId: { in: roster.map((r) => r.patientId) } }, select: { id: true, patientId: true } });
      const chartOf = new Map(charts.map((c) => [c.patientId, c.id]));
      const missing = roster.findIndex((r) => !chartOf.has(r.patientId));
      if (missing >= 0) {
        const field = `attendees.${missing}.patientId`;
        throw new InvalidInputError(`${field} is not a patient with a chart in your scope.`, [{ field, message: 'not a patient with a chart in your scope' }]);
      }

      for (const r of roster) {
        const values = { status: r.status, minutesAttended: r.minutesAttended, arrivalTime: r.arrivalTime, departureTime: r.departureTime, recordedBy: ctx.userId, recordedAt: new Date() };
        await tx.groupAttendance.upsert({
          where: { organizationId_sessionId_patientId: { organizationId: org, sessionId, patientId: r.patientId } },
          create: { organizationId: org, id: randomUUID(), sessionId, siteId: session.siteId, patientId: r.patientId, chartId: chartOf.get(r.patientId)!, ...values },
          update: values,
        });
      }
      const loaded = (await loadGroupSession(tx, org, sessionId))!;
      const part2 = loaded.auditScope['part2'] === true;
      // One audit row per attendee, so a patient's access history lists this write.
      for (const r of roster) {
        await this.audit.record({
          action: 'group-session.attendance.record', resourceType: 'group_session', resourceId: sessionId, patientId: r.patientId, outcome: 'success',
          scope: { status: r.status, ...(part2 ? { part2: true } : {}) },
        });
      }
      return loaded.view;
    });
  }
}
