import { useCaseDeclarationOf } from '@cairn/platform/use-case';

import { RemoveGroupAttendeeCommand } from './remove-group-attendee.command';
import { RemoveGroupAttendeeHandler } from './remove-group-attendee.handler';

describe('RemoveGroupAttendeeHandler', () => {
  it('is a tenant use case of RemoveGroupAttendeeCommand that audits group-attendee.remove', () => {
    const declaration = useCaseDeclarationOf(RemoveGroupAttendeeHandler);
    expect(declaration?.message).toBe(RemoveGroupAttendeeCommand);
    expect(declaration?.audit && declaration.audit.action).toBe('group-session.attendance.remove');
  });
});
