import { Query } from '@nestjs/cqrs';

import type { GroupSessionView } from '../../domain/group-session.view';

/** A session with the attendance the caller may see; null when it does not exist or is outside their sites. */
export class GetGroupSessionQuery extends Query<GroupSessionView | null> {
  constructor(readonly sessionId: string) {
    super();
  }
}
