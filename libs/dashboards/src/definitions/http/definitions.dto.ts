import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray, IsBoolean, IsIn, IsNumber, IsObject, IsOptional, ValidateIf } from 'class-validator';

import { type Assert, type SameShape } from '@cairn/platform/http';

import type { DefinitionsView, ExportPermissionView, MetricDefinitionView, ViewDefinitionView } from '../domain/definition.view';
import { DOMAINS } from '../domain/metric-definition.rules';

/**
 * PATCH body of a metric definition: only what a practice may change. A calculation field (calculation,
 * calculationSource, updateModel, unit, name, domain, freshnessLabel, drillKey, metricKey) is refused with 400
 * naming it: the platform owns calculations.
 */
export class UpdateMetricDefinitionDto {
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'The target the drift rule compares with' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  target?: number | null;

  @ApiPropertyOptional({ description: '{ direction: above|below, warn?, alert? }', example: { direction: 'above', warn: 3, alert: 6 } })
  @IsOptional()
  @IsObject()
  thresholds?: Record<string, unknown>;

  @ApiPropertyOptional({
    description: '{ roles: role keys, scope: own|site|organization }',
    example: { roles: ['practice_manager'], scope: 'organization' },
  })
  @IsOptional()
  @IsObject()
  visibilityRules?: Record<string, unknown>;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object' },
    description: 'threshold | drift{tolerance} | unusual-change{sigma,minDelta} | overdue{above}',
  })
  @IsOptional()
  @IsArray()
  attentionRules?: unknown[];
}

export class UpdateViewDefinitionDto {
  @ApiPropertyOptional({ enum: DOMAINS, isArray: true, description: 'The modules (domains) whose metrics the view includes' })
  @IsOptional()
  @IsArray()
  @IsIn(DOMAINS as unknown as string[], { each: true })
  enabledModules?: string[];

  @ApiPropertyOptional({ description: 'Whether users may keep their own layout of this view' })
  @IsOptional()
  @IsBoolean()
  userLayoutEnabled?: boolean;
}

export class SetExportPermissionDto {
  @ApiProperty({ description: 'Whether the role may export dashboards in this organization (it must also hold dashboards.export)' })
  @IsBoolean()
  allowed!: boolean;
}

export class CalculationDto {
  @ApiProperty({ enum: ['sum', 'latest', 'ratio'] }) op!: string;
  @ApiProperty() signal!: string;
  @ApiPropertyOptional() denominator?: string;
}

export class VisibilityRulesDto {
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty({ enum: ['own', 'site', 'organization'] }) scope!: string;
}

export class ThresholdsDto {
  @ApiPropertyOptional({ enum: ['above', 'below'] }) direction?: string;
  @ApiPropertyOptional() warn?: number;
  @ApiPropertyOptional() alert?: number;
}

export class AttentionRuleDto {
  @ApiProperty({ enum: ['threshold', 'drift', 'unusual-change', 'overdue'] }) kind!: string;
  @ApiPropertyOptional() tolerance?: number;
  @ApiPropertyOptional() sigma?: number;
  @ApiPropertyOptional() minDelta?: number;
  @ApiPropertyOptional() above?: number;
}

export class MetricDefinitionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() metricKey!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: DOMAINS }) domain!: string;
  @ApiProperty() calculationSource!: string;
  @ApiProperty({ type: CalculationDto }) calculation!: CalculationDto;
  @ApiProperty() unit!: string;
  @ApiProperty({ enum: ['real-time', 'near-real-time', 'batch'] }) updateModel!: string;
  @ApiProperty({ enum: ['live', 'updated-ago', 'as-of'] }) freshnessLabel!: string;
  @ApiProperty({ type: VisibilityRulesDto }) visibilityRules!: VisibilityRulesDto;
  @ApiProperty({ type: Number, nullable: true }) target!: number | null;
  @ApiProperty({ type: ThresholdsDto }) thresholds!: ThresholdsDto;
  @ApiProperty({ type: [AttentionRuleDto] }) attentionRules!: AttentionRuleDto[];
  @ApiProperty({ type: String, nullable: true }) drillKey!: string | null;
  @ApiProperty({ description: 'The practice overrides the platform default' }) overridden!: boolean;
}

export class ViewDefinitionDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() viewKey!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String] }) roleBinding!: string[];
  @ApiProperty({ enum: DOMAINS, isArray: true }) enabledModules!: string[];
  @ApiProperty({ enum: ['site', 'group', 'individual-panel'] }) permissionScope!: string;
  @ApiProperty({ type: [String] }) metricKeys!: string[];
  @ApiProperty({ type: [String] }) coreMetricKeys!: string[];
  @ApiProperty() layoutVersion!: number;
  @ApiProperty() userLayoutEnabled!: boolean;
  @ApiProperty() overridden!: boolean;
}

export class ExportPermissionDto {
  @ApiProperty() roleKey!: string;
  @ApiProperty() allowed!: boolean;
}

export class DefinitionsResponseDto {
  @ApiProperty({ type: [MetricDefinitionDto] }) metrics!: MetricDefinitionDto[];
  @ApiProperty({ type: [ViewDefinitionDto] }) views!: ViewDefinitionDto[];
  @ApiProperty({ type: [ExportPermissionDto] }) exportPermissions!: ExportPermissionDto[];
}

type _Metric = Assert<SameShape<MetricDefinitionView, MetricDefinitionDto>>;
type _View = Assert<SameShape<ViewDefinitionView, ViewDefinitionDto>>;
type _Export = Assert<SameShape<ExportPermissionView, ExportPermissionDto>>;
type _Definitions = Assert<SameShape<DefinitionsView, DefinitionsResponseDto>>;
