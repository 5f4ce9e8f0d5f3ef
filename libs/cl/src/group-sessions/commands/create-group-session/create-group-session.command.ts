import { Command } from '@nestjs/cqrs';

import type { GroupSessionModality } from '@cairn/platform/clinical';

import type { GroupSessionView } from '../../domain/group-session.view';

export interface CreateGroupSessionInput {
  groupId: string;
  sessionDate: string;
  startTime: string;
  endTime: string;
  /** Defaults to the caller when they facilitate the group. */
  facilitatorId?: string;
  modality?: GroupSessionModality;
  note?: string;
}

/** Opens a draft session of a group (at the group's site). Null when the group is not in scope. */
export class CreateGroupSessionCommand extends Command<GroupSessionView | null> {
  constructor(readonly input: CreateGroupSessionInput) {
    super();
  }
}
