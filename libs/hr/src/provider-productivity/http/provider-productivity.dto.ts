import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';

import { IsId, type Assert, type SameShape } from '@cairn/platform/http';
import { SESSION_CATEGORIES, type ProviderProductivityReport, type ProviderProductivitySummary } from '@cairn/platform/workforce';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Query string of GET /hr/provider-productivity (and /supervised). The SQL function validates again: calendar dates
 * that delimit one calendar month, quarter or year (ADR 0012).
 */
export class ProviderProductivityQueryDto {
  @ApiProperty({
    format: 'date',
    example: '2025-10-01',
    description: 'First day of a calendar month, quarter or year (inclusive, organization time zone)',
  })
  @Matches(DATE, { message: 'periodStart must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'periodStart must be a date (YYYY-MM-DD)' })
  periodStart!: string;

  @ApiProperty({
    format: 'date',
    example: '2025-12-31',
    description:
      'Last day of the calendar month, quarter or year that begins at periodStart (inclusive); any other span is refused with 400',
  })
  @Matches(DATE, { message: 'periodEnd must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'periodEnd must be a date (YYYY-MM-DD)' })
  periodEnd!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "Only the providers whose home site this is (the caller must hold hr.productivity.view there); their figures stay the providers' at every site",
  })
  @IsOptional()
  @IsId()
  siteId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this provider (staff user id)' })
  @IsOptional()
  @IsId()
  providerId?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], description: 'csv streams a CSV export (as does Accept: text/csv)' })
  @IsOptional()
  @IsIn(['json', 'csv'], { message: 'format must be json or csv' })
  format?: 'json' | 'csv';
}

export class DocumentationLagBinsDto {
  @ApiProperty({ description: 'Notes signed less than 24 h after the session ended' }) under24h!: number;
  @ApiProperty({ description: 'Notes signed 24 h or more after the session ended' }) atLeast24h!: number;
}

export class ProviderProductivityDto {
  @ApiProperty({ format: 'uuid' }) providerId!: string;
  @ApiProperty({ format: 'uuid', description: "The provider's home site in the calendar year (most sessions and notes)" }) siteId!: string;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ format: 'date' }) periodStart!: string;
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiProperty({ description: 'Notes signed in the period' }) notesCompletedCount!: number;
  @ApiProperty({ description: 'Notes signed per 7-day week of the period, one decimal' }) notesCompletedPerWeek!: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Session end to signature, whole hours; null when withheld (fewer than 5 notes)',
  })
  avgDocumentationLagHours!: number | null;
  @ApiProperty({ nullable: true, type: DocumentationLagBinsDto, description: 'Null unless every non-empty bin holds at least 5 notes' })
  documentationLagBins!: DocumentationLagBinsDto | null;
  @ApiProperty({ description: 'Distinct patients with a completed or checked-in session or a signed note in the period' })
  activeCaseloadCount!: number;
  @ApiProperty() noShowCount!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'no-shows / (completed + checked in + no-shows), 3 decimals' }) noShowRate!:
    number | null;
  @ApiProperty({ description: 'Late cancellations (counted apart from no-shows)' }) lateCancelCount!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    example: { 'Individual Therapy': 42, 'Group Services': 12 },
    description: `Completed sessions per non-clinical category (${SESSION_CATEGORIES.join(', ')}): every non-empty one (each at least 5), or none`,
  })
  sessionCountByCategory!: Record<string, number>;
}

export class ProviderProductivityResponseDto {
  @ApiProperty({
    type: [ProviderProductivityDto],
    description: 'Providers with at least 5 patients in the period (and not withheld by ADR 0012)',
  })
  items!: ProviderProductivityDto[];
  @ApiProperty({ description: 'Providers with activity in the period whose figures are withheld; nothing else about them is returned' })
  suppressedProviderCount!: number;
}

// Each response DTO describes exactly what its handler returns (libs/platform/http, view-shape.ts).
type _ProviderProductivity = Assert<SameShape<ProviderProductivitySummary, ProviderProductivityDto>>;
type _ProviderProductivityResponse = Assert<SameShape<ProviderProductivityReport, ProviderProductivityResponseDto>>;
