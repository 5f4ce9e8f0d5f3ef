import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

import { type Assert, type SameShape } from '@cairn/platform/http';
import { MAX_SIGNAL_RECORD_PAGE_SIZE } from '@cairn/platform/performance-signals';

import { DashboardFiltersDto } from '../../views/http/dashboards.dto';
import type { DrillResult } from '../queries/drill-into-metric/drill-into-metric.query';

export class DrillQueryDto extends DashboardFiltersDto {
  @ApiPropertyOptional({
    description: 'The metric drilled from (when several metrics share the drill key)',
    example: 'appointments.no-show',
  })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9.-]{1,80}$/, { message: 'metric must be a metric key' })
  metric?: string;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_SIGNAL_RECORD_PAGE_SIZE, default: 25 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_SIGNAL_RECORD_PAGE_SIZE)
  pageSize?: number;
}

export class DrillColumnDto {
  @ApiProperty() key!: string;
  @ApiProperty() label!: string;
}

export class WithheldDto {
  @ApiProperty({ description: 'Why the record is withheld (e.g. a 42 CFR Part 2 record without consent)' }) reason!: string;
}

export class DrillRowDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: 'object', additionalProperties: { oneOf: [{ type: 'string' }, { type: 'number' }], nullable: true } })
  cells!: Record<string, string | number | null>;
  @ApiProperty({ type: WithheldDto, nullable: true }) withheld!: WithheldDto | null;
  @ApiProperty({ description: 'The staff-web path of the record (its source workflow)' }) link!: string;
}

export class DrillRecordsDto {
  @ApiProperty({ type: [DrillColumnDto] }) columns!: DrillColumnDto[];
  @ApiProperty({ type: [DrillRowDto] }) rows!: DrillRowDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class DrillFiltersDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) siteId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) providerId!: string | null;
}

export class DrillResponseDto {
  @ApiProperty() drillKey!: string;
  @ApiProperty() metricKey!: string;
  @ApiProperty({ type: DrillFiltersDto }) filters!: DrillFiltersDto;
  @ApiProperty({ type: DrillRecordsDto }) records!: DrillRecordsDto;
}

type _Drill = Assert<SameShape<DrillResult, DrillResponseDto>>;
