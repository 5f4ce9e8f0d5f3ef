import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';

import { IsId, type Assert, type SameShape } from '@cairn/platform/http';
import { SESSION_CATEGORIES, type ProviderProductivitySummary } from '@cairn/platform/workforce';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Query string of GET /hr/provider-productivity. The SQL function validates again (span, calendar dates). */
export class ProviderProductivityQueryDto {
  @ApiProperty({ format: 'date', example: '2025-10-01', description: 'First day of the period (inclusive, organization time zone)' })
  @Matches(DATE, { message: 'periodStart must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'periodStart must be a date (YYYY-MM-DD)' })
  periodStart!: string;

  @ApiProperty({
    format: 'date',
    example: '2025-12-31',
    description: 'Last day of the period (inclusive); after periodStart, at most 366 days later',
  })
  @Matches(DATE, { message: 'periodEnd must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'periodEnd must be a date (YYYY-MM-DD)' })
  periodEnd!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only this site (the caller must hold hr.productivity.view there)' })
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
  @ApiProperty({ description: 'Notes signed 24 to 48 h after the session ended' }) from24To48h!: number;
  @ApiProperty({ description: 'Notes signed more than 48 h after the session ended' }) over48h!: number;
}

export class ProviderProductivityDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Null on the suppressed row' }) providerId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'The site filter; null for every site' }) siteId!:
    string | null;
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ format: 'date' }) periodStart!: string;
  @ApiProperty({ format: 'date' }) periodEnd!: string;
  @ApiProperty({ description: 'True on the one row folding every provider with fewer than 5 patients in the period' }) suppressed!: boolean;
  @ApiProperty({ description: 'Providers the row covers (1 unless suppressed)' }) providerCount!: number;
  @ApiProperty({ description: 'Notes signed in the period' }) notesCompletedCount!: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Session end to signature, whole hours; null with fewer than 5 notes' })
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
    description: `Completed sessions per non-clinical category (${SESSION_CATEGORIES.join(', ')}); a category appears only with at least 5`,
  })
  sessionCountByCategory!: Record<string, number>;
}

export class ProviderProductivityResponseDto {
  @ApiProperty({ type: [ProviderProductivityDto] }) items!: ProviderProductivityDto[];
}

// Each response DTO describes exactly what its handler returns (libs/platform/http, view-shape.ts).
type _ProviderProductivity = Assert<SameShape<ProviderProductivitySummary, ProviderProductivityDto>>;
type _ProviderProductivityResponse = Assert<SameShape<{ items: ProviderProductivitySummary[] }, ProviderProductivityResponseDto>>;
