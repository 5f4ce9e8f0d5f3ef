import type { Prisma } from '@cairn/platform/db';

import type { DsRow, DsTx } from '../../dashboards.tx';
import type { AttentionRule, Calculation, MetricDefinition, Thresholds, VisibilityRules } from '../domain/metric-definition.rules';
import type { ViewDefinition } from '../domain/view-definition.rules';

function toMetric(row: DsRow<'dsMetricDefinition'>): MetricDefinition {
  return {
    id: row.id,
    metricKey: row.metricKey,
    name: row.name,
    domain: row.domain as MetricDefinition['domain'],
    calculationSource: row.calculationSource,
    calculation: row.calculation as unknown as Calculation,
    unit: row.unit,
    updateModel: row.updateModel as MetricDefinition['updateModel'],
    freshnessLabel: row.freshnessLabel as MetricDefinition['freshnessLabel'],
    visibilityRules: row.visibilityRules as unknown as VisibilityRules,
    target: row.target,
    thresholds: row.thresholds as unknown as Thresholds,
    attentionRules: row.attentionRules as unknown as AttentionRule[],
    drillKey: row.drillKey,
    overridden: row.organizationId !== null,
  };
}

function toView(row: DsRow<'dsViewDefinition'>): ViewDefinition {
  return {
    id: row.id,
    viewKey: row.viewKey,
    name: row.name,
    roleBinding: row.roleBinding,
    enabledModules: row.enabledModules as ViewDefinition['enabledModules'],
    permissionScope: row.permissionScope as ViewDefinition['permissionScope'],
    metricKeys: row.metricKeys,
    coreMetricKeys: row.coreMetricKeys,
    layoutVersion: row.layoutVersion,
    userLayoutEnabled: row.userLayoutEnabled,
    overridden: row.organizationId !== null,
  };
}

/** Platform defaults with the organization's overrides merged over them (by key): what applies in the organization. */
export async function loadMetricDefinitions(tx: DsTx, organizationId: string): Promise<MetricDefinition[]> {
  const rows = await tx.dsMetricDefinition.findMany({
    where: { OR: [{ organizationId: null }, { organizationId }] },
    orderBy: [{ metricKey: 'asc' }],
  });
  const byKey = new Map<string, DsRow<'dsMetricDefinition'>>();
  for (const r of rows) if (!byKey.has(r.metricKey) || r.organizationId !== null) byKey.set(r.metricKey, r);
  return [...byKey.values()].map(toMetric);
}

export async function loadViewDefinitions(tx: DsTx, organizationId: string): Promise<ViewDefinition[]> {
  const rows = await tx.dsViewDefinition.findMany({
    where: { OR: [{ organizationId: null }, { organizationId }] },
    orderBy: [{ viewKey: 'asc' }],
  });
  const byKey = new Map<string, DsRow<'dsViewDefinition'>>();
  for (const r of rows) if (!byKey.has(r.viewKey) || r.organizationId !== null) byKey.set(r.viewKey, r);
  return [...byKey.values()].map(toView);
}

export async function platformMetricRow(tx: DsTx, metricKey: string): Promise<DsRow<'dsMetricDefinition'> | null> {
  return tx.dsMetricDefinition.findFirst({ where: { organizationId: null, metricKey } });
}

export async function organizationMetricRow(
  tx: DsTx,
  organizationId: string,
  metricKey: string,
): Promise<DsRow<'dsMetricDefinition'> | null> {
  return tx.dsMetricDefinition.findUnique({ where: { organizationId_metricKey: { organizationId, metricKey } } });
}

export async function platformViewRow(tx: DsTx, viewKey: string): Promise<DsRow<'dsViewDefinition'> | null> {
  return tx.dsViewDefinition.findFirst({ where: { organizationId: null, viewKey } });
}

export async function organizationViewRow(tx: DsTx, organizationId: string, viewKey: string): Promise<DsRow<'dsViewDefinition'> | null> {
  return tx.dsViewDefinition.findUnique({ where: { organizationId_viewKey: { organizationId, viewKey } } });
}

/** Appends one entry to the definition trail (the database refuses to change or delete it afterwards). */
export async function appendDefinitionChange(
  tx: DsTx,
  organizationId: string,
  entry: { subjectType: 'metric' | 'view' | 'export-permission'; subjectKey: string; actorId: string; before: unknown; after: unknown },
): Promise<string> {
  const id = crypto.randomUUID();
  await tx.dsDefinitionChange.create({
    data: {
      organizationId,
      id,
      subjectType: entry.subjectType,
      subjectKey: entry.subjectKey,
      actorId: entry.actorId,
      before: (entry.before ?? undefined) as Prisma.InputJsonValue | undefined,
      after: entry.after as Prisma.InputJsonValue,
    },
  });
  return id;
}
