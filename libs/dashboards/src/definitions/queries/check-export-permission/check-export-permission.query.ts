import { Query } from '@nestjs/cqrs';

export interface ExportPermissionCheck {
  allowed: boolean;
  reason: string | null;
  roles: string[];
}

/**
 * May the signed-in caller export dashboards now? (dashboards.export on one of their roles, and the organization
 * has not switched export off for it.) The export routes send it at export time, not only at render.
 */
export class CheckExportPermissionQuery extends Query<ExportPermissionCheck> {}
