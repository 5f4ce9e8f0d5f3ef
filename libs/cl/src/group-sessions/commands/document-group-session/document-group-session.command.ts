import { Command } from '@nestjs/cqrs';

import type { GroupSessionView } from '../../domain/group-session.view';

/**
 * Signs a draft session: locks its note and attendance and publishes `cl_group_session_documented.v1` in
 * the same transaction. A facilitator of the group only. Null when the session is not in scope.
 */
export class DocumentGroupSessionCommand extends Command<GroupSessionView | null> {
  constructor(readonly sessionId: string) {
    super();
  }
}
