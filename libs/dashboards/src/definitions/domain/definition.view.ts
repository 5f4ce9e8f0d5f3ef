import type { MetricDefinition } from './metric-definition.rules';
import type { ViewDefinition } from './view-definition.rules';

export type MetricDefinitionView = MetricDefinition;
export type ViewDefinitionView = ViewDefinition;

export interface ExportPermissionView {
  roleKey: string;
  allowed: boolean;
}

export interface DefinitionsView {
  metrics: MetricDefinitionView[];
  views: ViewDefinitionView[];
  exportPermissions: ExportPermissionView[];
}
