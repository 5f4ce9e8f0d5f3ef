import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, Length, Matches } from 'class-validator';

import type { Assert, SameShape } from '@cairn/platform/http';

import type { PeerServiceTypeView, PeerVocabularyView } from '../infrastructure/peer-vocabulary.repository';

export class CreatePeerServiceTypeDto {
  @ApiProperty({
    example: 'housing_navigation',
    description: 'Lower-case letters, digits and underscores, 2 to 48 characters, unique in the organization',
  })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,47}$/, { message: 'key must be 2 to 48 lower-case letters, digits or underscores, starting with a letter' })
  key!: string;

  @ApiProperty({ maxLength: 100, example: 'Housing navigation' })
  @IsString()
  @Length(1, 100, { message: 'label must be 1 to 100 characters' })
  @Matches(/\S/, { message: 'label must not be blank' })
  label!: string;
}

export class UpdatePeerServiceTypeDto {
  @ApiPropertyOptional({ maxLength: 100 })
  @IsOptional()
  @IsString()
  @Length(1, 100, { message: 'label must be 1 to 100 characters' })
  @Matches(/\S/, { message: 'label must not be blank' })
  label?: string;

  @ApiPropertyOptional({ description: 'false retires the type: existing encounters keep it, new ones cannot use it' })
  @IsOptional()
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;
}

export class SetPeerSettingsDto {
  @ApiProperty({ description: "true: PF-15's standard peer service types; false: the organization's own (cl_peer_service_types)" })
  @IsBoolean({ message: 'usePf15 must be true or false' })
  usePf15!: boolean;
}

export class PeerServiceTypeDto {
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'Null for a PF-15 type' }) id!: string | null;
  @ApiProperty() key!: string;
  @ApiProperty() label!: string;
  @ApiProperty({ enum: ['pf15', 'organization'] }) source!: string;
  @ApiProperty() active!: boolean;
}

export class PeerVocabularyDto {
  @ApiProperty() usePf15!: boolean;
  @ApiProperty({ enum: ['pf15', 'organization'] }) source!: string;
  @ApiProperty({ type: [PeerServiceTypeDto], description: 'The types a new encounter may use' }) inForce!: PeerServiceTypeDto[];
  @ApiProperty({ type: [PeerServiceTypeDto] }) organizationTypes!: PeerServiceTypeDto[];
}

// Each response DTO describes exactly what its handler returns (libs/platform/http, view-shape.ts).
type _PeerServiceType = Assert<SameShape<PeerServiceTypeView, PeerServiceTypeDto>>;
type _PeerVocabulary = Assert<SameShape<PeerVocabularyView, PeerVocabularyDto>>;
