import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';

import { DashboardFiltersDto } from '../../views/http/dashboards.dto';
import { EXPORT_FORMATS, type ExportFormat } from '../domain/dashboard-export.rules';

export class DashboardExportQueryDto extends DashboardFiltersDto {
  @ApiProperty({ enum: EXPORT_FORMATS, description: 'csv or pdf' })
  @IsIn(EXPORT_FORMATS as unknown as string[], { message: `format must be one of ${EXPORT_FORMATS.join(', ')}` })
  format!: ExportFormat;
}

export class DrillExportQueryDto extends DashboardExportQueryDto {
  @ApiPropertyOptional({
    description: 'The metric drilled from (when several metrics share the drill key)',
    example: 'appointments.no-show',
  })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9.-]{1,80}$/, { message: 'metric must be a metric key' })
  metric?: string;
}
