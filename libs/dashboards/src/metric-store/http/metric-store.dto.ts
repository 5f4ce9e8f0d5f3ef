import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, Matches } from 'class-validator';

import { type Assert, type SameShape } from '@cairn/platform/http';
import { SIGNAL_SOURCES, type SignalSourceKey } from '@cairn/platform/performance-signals';

import type { RecomputeResult, SourceRecomputeResult } from '../commands/recompute-metrics/recompute-metrics.command';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class RecomputeMetricsRequestDto {
  @ApiPropertyOptional({ enum: SIGNAL_SOURCES, isArray: true, description: 'The sources to recompute (default: every source)' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SIGNAL_SOURCES.length)
  @IsIn(SIGNAL_SOURCES as unknown as string[], { each: true, message: `each source must be one of ${SIGNAL_SOURCES.join(', ')}` })
  sources?: SignalSourceKey[];

  @ApiProperty({ format: 'date', description: 'First day (organization calendar)' })
  @Matches(DATE, { message: 'from must be a date (YYYY-MM-DD)' })
  from!: string;

  @ApiProperty({ format: 'date', description: 'Last day (inclusive)' })
  @Matches(DATE, { message: 'to must be a date (YYYY-MM-DD)' })
  to!: string;
}

export class SourceRecomputeResultDto {
  @ApiProperty({ enum: SIGNAL_SOURCES }) source!: string;
  @ApiProperty({ enum: ['ok', 'failing'] }) status!: string;
  @ApiProperty() buckets!: number;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
}

export class RecomputeMetricsResponseDto {
  @ApiProperty({ format: 'uuid' }) organizationId!: string;
  @ApiProperty({ format: 'date' }) from!: string;
  @ApiProperty({ format: 'date' }) to!: string;
  @ApiProperty({ format: 'date-time' }) computedAt!: string;
  @ApiProperty({ type: [SourceRecomputeResultDto] }) results!: SourceRecomputeResultDto[];
}

type _Source = Assert<SameShape<SourceRecomputeResult, SourceRecomputeResultDto>>;
type _Result = Assert<SameShape<RecomputeResult, RecomputeMetricsResponseDto>>;
