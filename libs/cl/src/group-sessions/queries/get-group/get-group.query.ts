import { Query } from '@nestjs/cqrs';

import type { GroupView } from '../../domain/group-session.view';

/** A group; null when it does not exist or is at a site outside the caller's scope. */
export class GetGroupQuery extends Query<GroupView | null> {
  constructor(readonly groupId: string) {
    super();
  }
}
