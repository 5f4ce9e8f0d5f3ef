import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches } from 'class-validator';

import { IsId, type Assert, type SameShape } from '@cairn/platform/http';

import type { LayoutView } from '../commands/save-layout/save-layout.command';
import type { AttentionIndicator } from '../domain/attention.rules';
import type { DashboardView, MetricTile, SiteValue } from '../domain/dashboard.view';
import { DATE_RANGES } from '../domain/filters.rules';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filters every dashboard route takes (§13.4): date range, site, provider; each within the caller's scope. */
export class DashboardFiltersDto {
  @ApiPropertyOptional({ enum: DATE_RANGES, description: 'today (default), this-week (Monday to Sunday), or custom with from and to' })
  @IsOptional()
  @IsIn(DATE_RANGES as unknown as string[], { message: `range must be one of ${DATE_RANGES.join(', ')}` })
  range?: (typeof DATE_RANGES)[number];

  @ApiPropertyOptional({ format: 'date', description: 'First day of a custom range (organization calendar)' })
  @IsOptional()
  @Matches(DATE, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'Last day of a custom range (inclusive; at most 366 days)' })
  @IsOptional()
  @Matches(DATE, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One site (must be one the caller may view dashboards of: else 403)' })
  @IsOptional()
  @IsId()
  siteId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'One provider (practitioners: only themselves, else 403)' })
  @IsOptional()
  @IsId()
  providerId?: string;
}

export class AttentionIndicatorDto {
  @ApiProperty({ enum: ['threshold', 'drift', 'unusual-change', 'overdue'], description: 'The declared rule that fired' }) rule!: string;
  @ApiProperty({ enum: ['warn', 'alert'] }) level!: string;
  @ApiProperty({ description: 'The declared trigger condition, in words' }) condition!: string;
  @ApiProperty({ description: 'Text label (never colour alone)' }) label!: string;
  @ApiProperty({ enum: ['alert-triangle', 'target', 'trending-up', 'trending-down', 'clock'], description: 'Icon name' }) icon!: string;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number', nullable: true }, description: 'The values compared' })
  compared!: Record<string, number | null>;
  @ApiProperty({ type: String, nullable: true, description: 'Drill-through route of the records behind the metric' }) drill!: string | null;
}

export class FreshnessDto {
  @ApiProperty({
    example: 'Updated 2 min ago',
    description: '"Live", "Updated N min ago", "As of 02:00 today", "Feed not connected", "Not yet computed"',
  })
  label!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) computedAt!: string | null;
  @ApiProperty({ type: String, format: 'date', nullable: true, description: 'The as-of day of a snapshot metric' }) asOf!: string | null;
}

export class FeedDto {
  @ApiProperty({ description: 'The calculation source (a performance-signals source or feed:<key>)' }) source!: string;
  @ApiProperty({ enum: ['ok', 'failing', 'silent', 'never-computed', 'not-connected'] }) state!: string;
  @ApiProperty({ description: 'false: the feed is unavailable; the value (if any) is the last known one' }) available!: boolean;
}

export class StalenessDto {
  @ApiProperty({ format: 'date-time' }) since!: string;
  @ApiProperty() reason!: string;
}

export class SiteValueDto {
  @ApiProperty({ format: 'uuid' }) siteId!: string;
  @ApiProperty() siteName!: string;
  @ApiProperty({ type: Number, nullable: true }) value!: number | null;
}

export class SeriesPointDto {
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Null when no value was stored for the window (a gap, not a zero)' })
  value!: number | null;
}

export class MetricTileDto {
  @ApiProperty() metricKey!: string;
  @ApiProperty({ format: 'uuid' }) metricId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['Operational', 'Clinical', 'Financial', 'Compliance', 'Engagement'] }) domain!: string;
  @ApiProperty({ enum: ['count', 'minutes', 'hours', 'cents', 'ratio', 'boolean'] }) unit!: string;
  @ApiProperty() calculationSource!: string;
  @ApiProperty({ enum: ['real-time', 'near-real-time', 'batch'] }) updateModel!: string;
  @ApiProperty({ enum: ['own', 'scoped'], description: "own: the caller's own figures only" }) scope!: string;
  @ApiProperty({ type: Number, nullable: true }) value!: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    nullable: true,
    description: 'Headline breakdown (by status, payer, code)',
  })
  breakdown!: Record<string, number> | null;
  @ApiProperty({ type: Number, nullable: true }) target!: number | null;
  @ApiProperty({ type: FreshnessDto }) freshness!: FreshnessDto;
  @ApiProperty({ type: FeedDto }) feed!: FeedDto;
  @ApiProperty({ type: StalenessDto, nullable: true }) stale!: StalenessDto | null;
  @ApiProperty({ type: [AttentionIndicatorDto] }) attention!: AttentionIndicatorDto[];
  @ApiProperty({ type: String, nullable: true }) drill!: string | null;
  @ApiProperty({ description: 'A core metric of the role (a layout cannot hide it)' }) core!: boolean;
  @ApiProperty({ type: [SiteValueDto], nullable: true, description: 'Group view only: the value per site in scope' }) bySite!:
    SiteValueDto[] | null;
  @ApiProperty({
    type: [SeriesPointDto],
    description:
      "The trend: the same calculation over consecutive windows of the range's length (days for today, weeks for this week), " +
      'at most 8, oldest first, the last one the range itself; from the same stored values, scope and filters as the tile',
  })
  series!: SeriesPointDto[];
}

export class DashboardViewInfoDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'manager' }) key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['site', 'group', 'individual-panel'] }) permissionScope!: string;
  @ApiProperty() layoutVersion!: number;
  @ApiProperty() userLayoutEnabled!: boolean;
}

export class DashboardFiltersInEffectDto {
  @ApiProperty({ enum: DATE_RANGES }) range!: string;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) siteId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) providerId!: string | null;
}

export class DashboardViewResponseDto {
  @ApiProperty({ type: DashboardViewInfoDto }) view!: DashboardViewInfoDto;
  @ApiProperty({ type: DashboardFiltersInEffectDto }) filters!: DashboardFiltersInEffectDto;
  @ApiProperty({ enum: ['Viewed', 'Filtered'], description: 'The interaction state (§3.4) this answer puts the view in' }) state!: string;
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ type: [MetricTileDto] }) tiles!: MetricTileDto[];
}

type _Attention = Assert<SameShape<AttentionIndicator, AttentionIndicatorDto>>;
type _SiteValue = Assert<SameShape<SiteValue, SiteValueDto>>;
type _Tile = Assert<SameShape<MetricTile, MetricTileDto>>;
type _View = Assert<SameShape<DashboardView, DashboardViewResponseDto>>;

export class SaveLayoutDto {
  @ApiProperty({ type: [String], description: "The view's metric keys in the order wanted (others keep the view's order after them)" })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  metricOrder!: string[];

  @ApiProperty({ type: [String], description: 'Tiles to hide (never a core metric of the role: 400)' })
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  hiddenMetrics!: string[];
}

export class LayoutResponseDto {
  @ApiProperty() viewKey!: string;
  @ApiProperty({ type: [String] }) metricOrder!: string[];
  @ApiProperty({ type: [String] }) hiddenMetrics!: string[];
}

type _Layout = Assert<SameShape<LayoutView, LayoutResponseDto>>;
