import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

import { IsId, type Assert, type SameShape } from '@cairn/platform/http';

import { RESOURCE_KINDS } from '../domain/resource.rules';
import type { PortalResourcesView, ResourceView } from '../domain/resource.view';

export class RecommendResourceDto {
  @ApiProperty({ example: 'Sleep hygiene tips', maxLength: 200 })
  @IsString({ message: 'title must be a string' })
  @MinLength(1, { message: 'title must not be empty' })
  @MaxLength(200, { message: 'title must be at most 200 characters' })
  title!: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString({ message: 'description must be a string' })
  @MaxLength(2000, { message: 'description must be at most 2000 characters' })
  description?: string | null;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'https://www.sleepfoundation.org/sleep-hygiene',
    description: 'A link: an absolute https URL (no credentials). Exactly one of url and fileId.',
  })
  @IsOptional()
  @IsString({ message: 'url must be a string' })
  @MaxLength(2000, { message: 'url must be at most 2000 characters' })
  url?: string | null;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'A file uploaded first for this client (`POST /api/v1/patients/:id/portal-files`). Exactly one of url and fileId.',
  })
  @IsOptional()
  @IsId()
  fileId?: string | null;
}

export class ListResourcesQueryDto {
  @ApiPropertyOptional({ type: Boolean, description: 'Include withdrawn resources' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'includeWithdrawn must be true or false' })
  includeWithdrawn?: boolean;
}

export class ResourceResponseDto {
  @ApiProperty({ format: 'uuid' }) resourceId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ enum: RESOURCE_KINDS }) kind!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: String, nullable: true }) description!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The https link (kind link)' }) url!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The uploaded file (kind file)' }) fileId!: string | null;
  @ApiProperty({ format: 'uuid' }) assignedBy!: string;
  @ApiProperty({ format: 'date-time' }) assignedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) withdrawnAt!: string | null;
}

export class ResourceListResponseDto {
  @ApiProperty({ type: [ResourceResponseDto], description: 'Newest first' }) items!: ResourceResponseDto[];
}

export class PortalResourcesResponseDto {
  @ApiProperty({ type: [ResourceResponseDto], description: '"Recommended by your therapist", newest first' })
  recommendedByYourTherapist!: ResourceResponseDto[];
}

type _Resource = Assert<SameShape<ResourceView, ResourceResponseDto>>;
type _Portal = Assert<SameShape<PortalResourcesView, PortalResourcesResponseDto>>;
