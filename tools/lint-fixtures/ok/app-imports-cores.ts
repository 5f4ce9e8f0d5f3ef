// Linted as: apps/api/src/lint-fixture.ts
// Apps compose the bounded contexts and the platform.
import { ClModule } from '@cairn/cl';
import { DashboardsModule } from '@cairn/dashboards';
import { HrModule } from '@cairn/hr';
import { DbModule } from '@cairn/platform/db';
import { PmModule } from '@cairn/pm';
import { PortalModule } from '@cairn/portal';

export const imported = [ClModule, DashboardsModule, HrModule, PmModule, PortalModule, DbModule];
