import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';

import type { Assert, SameShape } from '@cairn/platform/http';

import { PortalPromptView, PROMPT_KINDS } from '../domain/portal-prompt.view';

export class CreatePortalPromptDto {
  @ApiProperty({ enum: PROMPT_KINDS })
  @IsIn(PROMPT_KINDS)
  kind!: (typeof PROMPT_KINDS)[number];

  @ApiProperty({ minLength: 1, maxLength: 500, example: 'How did you sleep since Tuesday?' })
  @IsString()
  @Length(1, 500)
  question!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the client sees it (default now)' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'availableFrom must be an ISO 8601 date-time' })
  availableFrom?: string;

  @ApiPropertyOptional({ format: 'date', description: "A daily prompt's last day" })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'endsOn must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'endsOn must be a date (YYYY-MM-DD)' })
  endsOn?: string;
}

export class AnswerPortalPromptDto {
  @ApiProperty({ minLength: 1, maxLength: 5000 })
  @IsString()
  @Length(1, 5000)
  body!: string;
}

class PromptResponseDto {
  @ApiProperty({ format: 'uuid' }) responseId!: string;
  @ApiProperty({ format: 'date' }) responseDate!: string;
  @ApiProperty() body!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class PortalPromptResponseDto {
  @ApiProperty({ format: 'uuid' }) promptId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ enum: PROMPT_KINDS }) kind!: string;
  @ApiProperty() question!: string;
  @ApiProperty({ format: 'date-time' }) availableFrom!: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) endsOn!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closedAt!: string | null;
  @ApiProperty({ format: 'uuid' }) createdBy!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty() open!: boolean;
  @ApiProperty({ type: [PromptResponseDto] }) responses!: PromptResponseDto[];
}

type _Prompt = Assert<SameShape<PortalPromptView, PortalPromptResponseDto>>;
