import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, Length } from 'class-validator';

import type { Assert, SameShape } from '@cairn/platform/http';
import { SESSION_CATEGORIES } from '@cairn/platform/workforce';

import type { ServiceTypeView } from '../domain/service-type.view';

export class SetServiceTypeDto {
  @ApiProperty({ enum: SESSION_CATEGORIES, description: 'The non-clinical category productivity reports count this service type under' })
  @IsIn(SESSION_CATEGORIES as unknown as string[], { message: `category must be one of ${SESSION_CATEGORIES.join(', ')}` })
  category!: string;
  @ApiPropertyOptional({ maxLength: 120, description: 'Required when the code is new' })
  @IsOptional()
  @IsString()
  @Length(1, 120)
  name?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class ServiceTypeDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: SESSION_CATEGORIES }) category!: string;
  @ApiProperty() active!: boolean;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

// Each response DTO describes exactly what its handler returns (libs/platform/http, view-shape.ts).
type _ServiceType = Assert<SameShape<ServiceTypeView, ServiceTypeDto>>;
