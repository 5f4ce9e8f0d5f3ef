import { Command } from '@nestjs/cqrs';

export interface LayoutView {
  viewKey: string;
  metricOrder: string[];
  hiddenMetrics: string[];
}

/** The caller's own layout of a view (order, hidden tiles), where the practice enables it; core metrics stay. */
export class SaveLayoutCommand extends Command<LayoutView> {
  constructor(
    readonly viewKey: string,
    readonly metricOrder: string[],
    readonly hiddenMetrics: string[],
  ) {
    super();
  }
}
