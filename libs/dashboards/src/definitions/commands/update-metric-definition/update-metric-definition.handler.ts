import { CommandHandler } from '@nestjs/cqrs';

import type { Prisma } from '@cairn/platform/db';
import { NotFoundError } from '@cairn/platform/kernel';
import { ROLE_KEYS } from '@cairn/platform/tenancy';
import { TenantUseCase } from '@cairn/platform/use-case';

import type { DsUseCase, DsUseCaseHandler } from '../../../dashboards.tx';
import type { MetricDefinitionView } from '../../domain/definition.view';
import { validateMetricChange } from '../../domain/metric-definition.rules';
import {
  appendDefinitionChange,
  loadMetricDefinitions,
  organizationMetricRow,
  platformMetricRow,
} from '../../infrastructure/definitions.repository';
import { UpdateMetricDefinitionCommand } from './update-metric-definition.command';

const json = (v: unknown): Prisma.InputJsonValue => v as Prisma.InputJsonValue;

@CommandHandler(UpdateMetricDefinitionCommand)
@TenantUseCase(UpdateMetricDefinitionCommand, {
  audit: { action: 'dashboards.metric-definition.update', resource: 'dashboard_metric_definition', id: () => null },
})
export class UpdateMetricDefinitionHandler implements DsUseCaseHandler<UpdateMetricDefinitionCommand, MetricDefinitionView> {
  async execute(cmd: UpdateMetricDefinitionCommand, { ctx, tx, audit }: DsUseCase): Promise<MetricDefinitionView> {
    const change = validateMetricChange(cmd.change, ROLE_KEYS);
    const org = ctx.organizationId;
    const platform = await platformMetricRow(tx, cmd.metricKey);
    if (!platform) throw new NotFoundError('No such metric.');
    const current = (await organizationMetricRow(tx, org, cmd.metricKey)) ?? platform;
    const before = {
      target: current.target,
      thresholds: current.thresholds,
      visibilityRules: current.visibilityRules,
      attentionRules: current.attentionRules,
    };
    const data = {
      ...(change.target !== undefined ? { target: change.target } : {}),
      ...(change.thresholds ? { thresholds: json(change.thresholds) } : {}),
      ...(change.visibilityRules ? { visibilityRules: json(change.visibilityRules) } : {}),
      ...(change.attentionRules ? { attentionRules: json(change.attentionRules) } : {}),
    };
    if (current.organizationId === null) {
      // The first change makes the practice's row: a copy of the platform's (its calculation columns included, unchanged).
      await tx.dsMetricDefinition.create({
        data: {
          id: crypto.randomUUID(),
          organizationId: org,
          metricKey: platform.metricKey,
          name: platform.name,
          domain: platform.domain,
          calculationSource: platform.calculationSource,
          calculation: json(platform.calculation),
          unit: platform.unit,
          updateModel: platform.updateModel,
          freshnessLabel: platform.freshnessLabel,
          visibilityRules: json(platform.visibilityRules),
          target: platform.target,
          thresholds: json(platform.thresholds),
          attentionRules: json(platform.attentionRules),
          drillKey: platform.drillKey,
          ...data,
        },
      });
    } else {
      await tx.dsMetricDefinition.update({ where: { id: current.id }, data });
    }
    const after = (await loadMetricDefinitions(tx, org)).find((d) => d.metricKey === cmd.metricKey) as MetricDefinitionView;
    const changeId = await appendDefinitionChange(tx, org, {
      subjectType: 'metric',
      subjectKey: cmd.metricKey,
      actorId: ctx.userId,
      before,
      after: {
        target: after.target,
        thresholds: after.thresholds,
        visibilityRules: after.visibilityRules,
        attentionRules: after.attentionRules,
      },
    });
    audit.set({ resourceId: after.id }).scope({ metricKey: cmd.metricKey, fields: Object.keys(change), changeId });
    return after;
  }
}
