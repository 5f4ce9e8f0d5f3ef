import { CommandHandler } from '@nestjs/cqrs';

import { TenantUseCase } from '@cairn/platform/use-case';

import type { ClUseCase, ClUseCaseHandler } from '../../../cl.tx';
import { RemoveGroupAttendeeCommand } from './remove-group-attendee.command';

/**
 * Runs in the tenant use-case pipeline (libs/platform/use-case): `uc` carries the tenant context (`ctx`), the
 * transaction (`tx`) and the audit scope (`audit`); returning null audits not_found. Rules belong in
 * ../../domain/<subject>.rules.ts, SQL in ../../infrastructure/<aggregate>.repository.ts.
 */
@CommandHandler(RemoveGroupAttendeeCommand)
@TenantUseCase(RemoveGroupAttendeeCommand, {
  audit: { action: 'group-attendee.remove', resource: 'group_attendee', id: (m) => m.groupAttendeeId },
})
export class RemoveGroupAttendeeHandler implements ClUseCaseHandler<RemoveGroupAttendeeCommand, null> {
  async execute(message: RemoveGroupAttendeeCommand, _uc: ClUseCase): Promise<null> {
    throw new Error(`remove-group-attendee is not written yet (${message.groupAttendeeId})`);
  }
}
