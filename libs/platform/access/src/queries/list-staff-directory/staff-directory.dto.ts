import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

import { IsIdList, PageQueryDto, type Assert, type SameShape } from '@cairn/platform/http';

import type { StaffDirectoryEntry } from './list-staff-directory.query';

export const MAX_DIRECTORY_IDS = 200;

export class ListStaffDirectoryDto extends PageQueryDto {
  @ApiPropertyOptional({
    type: String,
    example: '7f1c2d4e-0000-4000-8000-000000000001,7f1c2d4e-0000-4000-8000-000000000002',
    description: `Comma-separated staff-user ids (at most ${MAX_DIRECTORY_IDS}); only these are returned. Ids of staff not bound to the organization are left out, not refused.`,
  })
  @IsOptional()
  @IsIdList('ids', 'staff-user ids', MAX_DIRECTORY_IDS)
  ids?: string[];

  @ApiPropertyOptional({ example: 'rivera', description: 'Part of the display name (case-insensitive)' })
  @IsOptional()
  @IsString({ message: 'q must be text' })
  @MinLength(1, { message: 'q must not be empty' })
  @MaxLength(100, { message: 'q must be at most 100 characters' })
  q?: string;
}

export class StaffDirectoryEntryDto {
  @ApiProperty({ format: 'uuid', description: 'Staff-user id' }) id!: string;
  @ApiProperty({ example: 'Dana Rivera' }) displayName!: string;
  @ApiProperty({ type: [String], example: ['clinician'], description: 'Role keys of the active bindings in the organization, sorted' })
  roles!: string[];
}

// Each response DTO describes exactly what its handler returns (libs/platform/http, view-shape.ts).
type _StaffDirectoryEntry = Assert<SameShape<StaffDirectoryEntry, StaffDirectoryEntryDto>>;
