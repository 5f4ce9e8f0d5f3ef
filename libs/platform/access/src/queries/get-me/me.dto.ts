import { ApiProperty } from '@nestjs/swagger';

import type { Assert, SameShape } from '@cairn/platform/http';

import type { MeView } from './get-me.query';

class MeUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
}

class MeSiteDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String], description: 'Permission keys the caller holds at this site' }) permissions!: string[];
}

class MeOrganizationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() slug!: string;
  @ApiProperty({ type: [String] }) roles!: string[];
  @ApiProperty({ type: [String] }) permissions!: string[];
  @ApiProperty({ type: [MeSiteDto] }) sites!: MeSiteDto[];
}

export class MeDto {
  @ApiProperty({ type: MeUserDto }) user!: MeUserDto;
  @ApiProperty({ type: [MeOrganizationDto] }) organizations!: MeOrganizationDto[];
}

// Each response DTO describes exactly what its handler returns (libs/platform/http, view-shape.ts).
type _Me = Assert<SameShape<MeView, MeDto>>;
