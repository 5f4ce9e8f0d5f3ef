import { Command } from '@nestjs/cqrs';

import type { OpenedCrisisToolkitView } from '../../domain/crisis-toolkit.view';

/** The client opens their crisis toolkit: logged, and counted towards an alert (scenario 3). */
export class OpenCrisisToolkitCommand extends Command<OpenedCrisisToolkitView> {
  constructor(readonly patientId: string) {
    super();
  }
}
