import { Command } from '@nestjs/cqrs';

import type { ExportPermissionView } from '../../domain/definition.view';

/** Switches dashboard export on or off for one role in the organization (the role must also hold dashboards.export). */
export class SetExportPermissionCommand extends Command<ExportPermissionView> {
  constructor(
    readonly roleKey: string,
    readonly allowed: boolean,
  ) {
    super();
  }
}
