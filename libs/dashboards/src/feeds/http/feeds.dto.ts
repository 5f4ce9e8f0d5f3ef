import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';

import { IsId, type Assert, type SameShape } from '@cairn/platform/http';

import { DOMAINS, UPDATE_MODELS } from '../../definitions/domain/metric-definition.rules';
import type { FeedPostResult } from '../commands/post-feed-signals/post-feed-signals.command';
import type { FeedView, RegisteredFeed } from '../commands/register-feed/register-feed.command';
import { MAX_FEED_VALUES } from '../domain/feed.rules';

export class RegisterInboundFeedDto {
  @ApiProperty({ example: 'portal', description: 'The feed key (lower-case, digits, dashes); its values are source feed:<key>' })
  @Matches(/^[a-z][a-z0-9-]{1,40}$/, { message: 'feedKey must be lower-case letters, digits and dashes (2-41)' })
  feedKey!: string;

  @ApiProperty({ enum: DOMAINS })
  @IsIn(DOMAINS as unknown as string[], { message: `domain must be one of ${DOMAINS.join(', ')}` })
  domain!: (typeof DOMAINS)[number];

  @ApiProperty({ enum: UPDATE_MODELS })
  @IsIn(UPDATE_MODELS as unknown as string[], { message: `updateModel must be one of ${UPDATE_MODELS.join(', ')}` })
  updateModel!: (typeof UPDATE_MODELS)[number];

  @ApiProperty({ minimum: 1, maximum: 604800, description: 'How often the sender posts; silent (stale) after this long without a post' })
  @IsInt()
  @Min(1)
  @Max(604_800)
  expectedIntervalSeconds!: number;
}

export class InboundFeedDto implements FeedView {
  @ApiProperty() feedKey!: string;
  @ApiProperty({ example: 'feed:portal' }) source!: string;
  @ApiProperty({ enum: DOMAINS }) domain!: string;
  @ApiProperty({ enum: UPDATE_MODELS }) updateModel!: string;
  @ApiProperty() expectedIntervalSeconds!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt!: string | null;
  @ApiProperty({ enum: ['ok', 'failing', 'silent', 'never-posted', 'revoked'] }) state!: FeedView['state'];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastPostAt!: string | null;
  @ApiProperty({ type: [String], description: 'The signal keys this feed may post (read by metric definitions)' }) signals!: string[];
}
export type FeedShape = Assert<SameShape<FeedView, InboundFeedDto>>;

export class RegisteredInboundFeedDto implements RegisteredFeed {
  @ApiProperty({ type: InboundFeedDto }) feed!: InboundFeedDto;
  @ApiProperty({ description: 'Shown once (only its SHA-256 is stored): send as `Authorization: Bearer <credential>`' })
  credential!: string;
}
export type RegisteredFeedShape = Assert<SameShape<RegisteredFeed, RegisteredInboundFeedDto>>;

export class InboundFeedValueDto {
  @ApiProperty({ example: 'engagement.portal-adoption', description: 'A signal key a metric definition reads from this feed' })
  @IsString()
  metricKey!: string;

  @ApiProperty({ format: 'date', description: "The organization's calendar day the value is for" })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'day must be a date (YYYY-MM-DD)' })
  day!: string;

  @ApiProperty() @IsNumber({ allowNaN: false, allowInfinity: false }) value!: number;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @IsId() siteId?: string | null;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @IsId() providerId?: string | null;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' }, description: 'Headline aggregates only' })
  @IsOptional()
  @IsObject()
  breakdown?: Record<string, number> | null;
}

export class PostInboundFeedSignalsDto {
  @ApiProperty({ description: "The sender's id of this submission: a repeated id is answered as a duplicate and stores nothing" })
  @Matches(/^[A-Za-z0-9._:-]{1,100}$/, { message: 'senderId must be 1-100 letters, digits, . _ : -' })
  senderId!: string;

  @ApiProperty({ type: [InboundFeedValueDto], maxItems: MAX_FEED_VALUES })
  @IsArray()
  @ArrayMaxSize(MAX_FEED_VALUES)
  @ValidateNested({ each: true })
  @Type(() => InboundFeedValueDto)
  values!: InboundFeedValueDto[];
}

export class InboundFeedPostResultDto implements FeedPostResult {
  @ApiProperty() feedKey!: string;
  @ApiProperty() senderId!: string;
  @ApiProperty({ enum: ['accepted', 'duplicate'] }) outcome!: FeedPostResult['outcome'];
  @ApiProperty() values!: number;
  @ApiProperty({ format: 'date-time' }) receivedAt!: string;
}
export type FeedPostResultShape = Assert<SameShape<FeedPostResult, InboundFeedPostResultDto>>;
