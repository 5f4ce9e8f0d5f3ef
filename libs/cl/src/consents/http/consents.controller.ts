import { Body, Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { CheckSudConsentQuery, Part2RecordType } from '@cairn/platform/clinical';
import { ApiProblemResponses, pageWindow, ParseIdPipe } from '@cairn/platform/http';
import { RequirePermission } from '@cairn/platform/tenancy';

import { RecordConsentCommand } from '../commands/record-consent/record-consent.command';
import { RevokeConsentCommand } from '../commands/revoke-consent/revoke-consent.command';
import type { Part2ConsentInput } from '../domain/part2-consent.rules';
import { ListConsentsQuery } from '../queries/list-consents/list-consents.query';
import {
  CheckPart2AccessDto,
  ConsentPageDto,
  ConsentResponseDto,
  ListConsentsDto,
  Part2AccessDto,
  RecordConsentDto,
  RevokeConsentDto,
} from './consent.dto';

const notFound = (what: string) => new NotFoundException(`No ${what} with that id in your scope.`);
const patientId = new ParseIdPipe(() => notFound('patient'));
const consentId = new ParseIdPipe(() => notFound('consent'));

function found<T>(value: T | null, what: string): T {
  if (value === null) throw notFound(what);
  return value;
}

/**
 * CL-11: 42 CFR Part 2 consents of a patient's chart, and the consent check. Every call is audited; the
 * patient must be in the caller's scope (else 404, as for a patient that does not exist).
 */
@ApiTags('part2-consents')
@Controller({ path: 'patients/:id', version: '1' })
export class ConsentsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('consents')
  @RequirePermission('cl.consents.manage')
  @ApiOperation({
    summary: 'Record a Part 2 consent',
    description:
      'Permission: `cl.consents.manage`. 400 names each missing or invalid 42 CFR §2.31 element; 422 when the chart is not a Part 2 record. Audited.',
  })
  @ApiCreatedResponse({ type: ConsentResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 422, 500)
  async record(@Param('id', patientId) id: string, @Body() dto: RecordConsentDto) {
    return found(await this.commands.execute(new RecordConsentCommand(id, dto as unknown as Part2ConsentInput)), 'patient');
  }

  @Get('consents')
  @RequirePermission('cl.consents.view')
  @ApiOperation({
    summary: "A patient's Part 2 consents, newest first",
    description: 'Permission: `cl.consents.view`. Paginated; carries the §2.32 notice for a Part 2 chart. Audited.',
  })
  @ApiOkResponse({ type: ConsentPageDto })
  @ApiProblemResponses(400, 401, 403, 404, 500)
  async list(@Param('id', patientId) id: string, @Query() dto: ListConsentsDto) {
    const { page, pageSize } = pageWindow(dto);
    return found(await this.queries.execute(new ListConsentsQuery(id, page, pageSize)), 'patient');
  }

  @Post('consents/:consentId/revoke')
  @HttpCode(200)
  @RequirePermission('cl.consents.manage')
  @ApiOperation({
    summary: 'Revoke a Part 2 consent, effective immediately',
    description: 'Permission: `cl.consents.manage`. 409 when it was already revoked. Audited.',
  })
  @ApiOkResponse({ type: ConsentResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 500)
  async revoke(@Param('id', patientId) id: string, @Param('consentId', consentId) consent: string, @Body() dto: RevokeConsentDto) {
    return found(await this.commands.execute(new RevokeConsentCommand(id, consent, dto.method)), 'consent');
  }

  @Get('part2-access')
  @RequirePermission('patients.view')
  @ApiOperation({
    summary: "May I read this kind of the patient's Part 2 records?",
    description:
      'Permission: `patients.view`. Answers with cl_check_sud_consent (the function RLS policies use) for the caller: allowed or not, and why. Audited (denials included).',
  })
  @ApiOkResponse({ type: Part2AccessDto })
  @ApiProblemResponses(400, 401, 403, 404, 500)
  async access(@Param('id', patientId) id: string, @Query() dto: CheckPart2AccessDto) {
    const decision = await this.queries.execute(new CheckSudConsentQuery(id, dto.recordType as Part2RecordType));
    if (decision.reason === 'unknown_chart') throw notFound('patient');
    return decision;
  }
}
