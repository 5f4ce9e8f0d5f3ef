import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';

import { IsCalendarDate, type Assert, type SameShape } from '@cairn/platform/http';

import type { PortalAdoptionView } from '../domain/portal-adoption.view';

export class PortalAdoptionQueryDto {
  @ApiProperty({ example: '2026-11-01', description: 'First day of the period (YYYY-MM-DD, the organization calendar)' })
  @IsCalendarDate('from')
  from!: string;

  @ApiProperty({ example: '2026-11-30', description: 'Last day of the period, not before `from`; at most 366 days' })
  @IsCalendarDate('to')
  to!: string;
}

class AdoptionRateDto {
  @ApiProperty({ type: Number, nullable: true, example: 0.42, description: 'accounts / activePatients; null without active patients' })
  rate!: number | null;
  @ApiProperty({ description: 'Active portal accounts of active patients, activated by the end of the period' }) accounts!: number;
  @ApiProperty({ description: 'Active patients of the organization (now)' }) activePatients!: number;
}

class DailyActiveClientsDto {
  @ApiProperty({ example: '2026-11-30' }) day!: string;
  @ApiProperty() clients!: number;
}

class FeatureEngagementDto {
  @ApiProperty({ example: 'mood', enum: ['mood', 'journal', 'check-ins', 'homework', 'goals', 'crisis-toolkit', 'audio'] })
  feature!: string;
  @ApiProperty() actions!: number;
}

export class PortalAdoptionResponseDto {
  @ApiProperty({ example: '2026-11-01' }) from!: string;
  @ApiProperty({ example: '2026-11-30' }) to!: string;
  @ApiProperty({ type: AdoptionRateDto }) @Type(() => AdoptionRateDto) adoption!: AdoptionRateDto;
  @ApiProperty({ type: [DailyActiveClientsDto] }) dailyActiveClients!: DailyActiveClientsDto[];
  @ApiProperty({ description: 'Distinct clients active in the 7 days ending `to`' }) weeklyActiveClients!: number;
  @ApiProperty({ type: [FeatureEngagementDto] }) engagementByFeature!: FeatureEngagementDto[];
  @ApiProperty() totalActions!: number;
}

type _Adoption = Assert<SameShape<PortalAdoptionView, PortalAdoptionResponseDto>>;
