import { Command } from '@nestjs/cqrs';

import type { GroupSessionModality } from '@cairn/platform/clinical';

import type { GroupView } from '../../domain/group-session.view';

export interface CreateGroupInput {
  siteId: string;
  name: string;
  groupType: string;
  sudProgram: boolean;
  defaultModality?: GroupSessionModality;
  facilitatorIds: string[];
}

/** Defines a therapy group at a site the caller manages groups at. */
export class CreateGroupCommand extends Command<GroupView> {
  constructor(readonly input: CreateGroupInput) {
    super();
  }
}
