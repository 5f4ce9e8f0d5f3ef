import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

import { IsId, type Assert, type SameShape } from '@cairn/platform/http';
import { GROUP_TYPES, SERVICE_CIRCUMSTANCES, TIMED_UNIT_RULES, type ResolvedJurisdictionProfile } from '@cairn/platform/jurisdiction';

export class GetJurisdictionProfileDto {
  @ApiPropertyOptional({ format: 'uuid', description: "A site of the organization: its jurisdiction, else the organization's" })
  @IsOptional()
  @IsId()
  siteId?: string;

  @ApiPropertyOptional({ example: 'AZ', description: "A state's profile directly, ignoring the organization's setting" })
  @IsOptional()
  @Matches(/^[A-Z]{2}$/, { message: 'stateCode must be a two-letter state code (e.g. AZ)' })
  stateCode?: string;
}

class GroupCodeMappingDto {
  @ApiProperty({ enum: ['CPT', 'HCPCS'] }) system!: string;
  @ApiProperty({ example: '90853' }) code!: string;
  @ApiProperty({ type: [String], example: ['HF'] }) modifiers!: string[];
}

class RequiredModifierRuleDto {
  @ApiProperty({ example: 'HQ' }) modifier!: string;
  @ApiProperty({ enum: SERVICE_CIRCUMSTANCES }) when!: string;
  @ApiProperty({ type: [String], nullable: true, description: 'Codes the rule applies to; null for every code' }) codes!: string[] | null;
}

class JurisdictionProfileDto {
  @ApiProperty({ example: 'us-az-ahcccs' }) key!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String, example: 'AZ' }) stateCode!: string | null;
  @ApiProperty() isDefault!: boolean;
  @ApiProperty({ nullable: true, type: String }) payerProgram!: string | null;
  @ApiProperty({ enum: TIMED_UNIT_RULES }) timedUnitRule!: string;
  @ApiProperty({ example: 15 }) timedUnitMinutes!: number;
  @ApiProperty({ description: 'Fewest minutes of attendance for a billable group encounter' }) groupMinimumMinutes!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { $ref: '#/components/schemas/GroupCodeMappingDto' },
    description: `Code by group type (${GROUP_TYPES.join(', ')})`,
  })
  groupCodes!: Record<string, GroupCodeMappingDto>;
  @ApiProperty({ type: [RequiredModifierRuleDto] }) requiredModifiers!: RequiredModifierRuleDto[];
  @ApiProperty({ format: 'date' }) effectiveFrom!: string;
}

export class ResolvedJurisdictionProfileDto {
  @ApiProperty({ type: JurisdictionProfileDto }) profile!: JurisdictionProfileDto;
  @ApiProperty({ nullable: true, type: String, description: 'The state code that selected the profile' }) jurisdiction!: string | null;
  @ApiProperty({ enum: ['site', 'organization', 'state', 'default'] }) selectedBy!: string;
}

export { GroupCodeMappingDto };

// Each response DTO describes exactly what its handler returns (libs/platform/http, view-shape.ts).
type _ResolvedJurisdictionProfile = Assert<SameShape<ResolvedJurisdictionProfile, ResolvedJurisdictionProfileDto>>;
