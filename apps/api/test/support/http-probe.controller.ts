import { Body, Controller, Get, HttpCode, InternalServerErrorException, Logger, Param, Post, Query } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsArray, IsOptional, IsString, Matches, MinLength, ValidateNested } from 'class-validator';
import { ClsService } from 'nestjs-cls';

import { ApiPageResponse, pageOf, PageQueryDto } from '@cairn/platform/http';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  RuleViolationError,
  TooManyRequestsError,
  UnauthorizedError,
} from '@cairn/platform/kernel';
import { Public } from '@cairn/platform/tenancy';

class ProbeAddressDto {
  @IsString() @MinLength(1) line1!: string;
  @Matches(/^\d{5}(-\d{4})?$/, { message: 'postalCode must be a ZIP or ZIP+4' }) postalCode!: string;
}

class ProbeContactDto {
  @Matches(/^\+?[0-9 ()-]{7,20}$/, { message: 'phone must be a phone number' }) phone!: string;
}

/** Shaped like patient demographics, so the tests see nested and array paths and PHI in logs. */
export class ProbePersonDto {
  @IsString() @MinLength(1) firstName!: string;
  @ValidateNested() @Type(() => ProbeAddressDto) address!: ProbeAddressDto;
  @IsOptional() @IsArray() @ValidateNested({ each: true }) @Type(() => ProbeContactDto) contacts?: ProbeContactDto[];
}

const DOMAIN_ERRORS: Record<string, () => DomainError> = {
  'invalid-input': () =>
    new InvalidInputError('The period is inverted.', [{ field: 'period.end', message: 'period.end must be after period.start' }]),
  unauthorized: () => new UnauthorizedError('Sign in again.'),
  forbidden: () => new ForbiddenError('Not at this site.'),
  'not-found': () => new NotFoundError('No such chart.'),
  conflict: () => new ConflictError('Already approved.'),
  'rule-violation': () => new RuleViolationError('The site belongs to another organization.'),
  'too-many-requests': () => new TooManyRequestsError('Slow down.', 42),
};

class ProbeAcceptedDto {
  @ApiProperty({ enum: [true] }) accepted!: true;
}

class ProbeItemDto {
  @ApiProperty() id!: string;
  @ApiProperty() requestId!: string;
}

class ProbePageItemDto {
  @ApiProperty() id!: string;
}

/** Test-only routes (registered by http-platform.e2e-spec.ts, never by the app) that exercise the HTTP plumbing. */
@ApiTags('test-probe')
@Public()
@Controller('test-probe')
export class HttpProbeController {
  private readonly logger = new Logger('HttpProbe');

  constructor(private readonly cls: ClsService) {}

  @Post('people')
  @HttpCode(200)
  @ApiOkResponse({ type: ProbeAcceptedDto })
  echo(@Body() person: ProbePersonDto): { accepted: true } {
    // Logged on purpose: redaction must remove the PHI.
    this.logger.log(
      { person, nested: { deeper: [{ dateOfBirth: '1971-02-03', email: 'zebulon@example.test' }] } },
      'probe person received',
    );
    return { accepted: true };
  }

  @Get('items/:id')
  @ApiOkResponse({ type: ProbeItemDto })
  item(@Param('id') id: string): { id: string; requestId: unknown } {
    return { id, requestId: this.cls.get('cairn.requestId') };
  }

  @Get('page')
  @ApiPageResponse(ProbePageItemDto)
  page(@Query() query: PageQueryDto) {
    return pageOf([], 0, query);
  }

  @Get('boom')
  boom(): never {
    throw new Error('internal detail: connection to db-secret-host failed for SSN 123-45-6789');
  }

  @Get('http-500')
  http500(): never {
    throw new InternalServerErrorException('password=hunter2 in the pool config');
  }

  @Get('domain/:kind')
  domain(@Param('kind') kind: string): never {
    throw (DOMAIN_ERRORS[kind] ?? (() => new NotFoundError('Unknown probe kind.')))();
  }
}
