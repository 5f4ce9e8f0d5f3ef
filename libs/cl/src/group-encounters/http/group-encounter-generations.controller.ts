import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiPageResponse, ApiProblemResponses, PageQueryDto, ParseIdPipe } from '@cairn/platform/http';
import { assertDateRange, ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '@cairn/platform/kernel';
import { RequirePermission } from '@cairn/platform/tenancy';

import { ApproveGroupEncountersCommand } from '../commands/approve-group-encounters/approve-group-encounters.command';
import { EditGroupEncounterCodeCommand } from '../commands/edit-group-encounter-code/edit-group-encounter-code.command';
import { RejectGroupEncountersCommand } from '../commands/reject-group-encounters/reject-group-encounters.command';
import { ReopenGroupEncounterGenerationCommand } from '../commands/reopen-group-encounter-generation/reopen-group-encounter-generation.command';
import { generationSortOf } from '../domain/generation-sort.rules';
import type { ReviewItemResult, ReviewResult } from '../domain/review-result.view';
import { GetGroupEncounterGenerationQuery } from '../queries/get-group-encounter-generation/get-group-encounter-generation.query';
import { ListConsentWorklistQuery } from '../queries/list-consent-worklist/list-consent-worklist.query';
import { ListGroupEncounterGenerationsQuery } from '../queries/list-group-encounter-generations/list-group-encounter-generations.query';
import {
  ConsentWorklistItemDto,
  EditGenerationCodeDto,
  GroupEncounterGenerationDto,
  ListGroupEncounterGenerationsDto,
  RejectGenerationDto,
  RejectGenerationsDto,
  ReviewIdsDto,
  ReviewItemResultDto,
  ReviewResultDto,
} from './group-encounter-generations.dto';

const NOT_FOUND = 'No generation with that id in your scope.';
const uuidPipe = new ParseIdPipe(() => new NotFoundError(NOT_FOUND));

/** A single-id action answers with a status instead of a per-item outcome. */
function single(result: ReviewResult): ReviewItemResult {
  const item = result.results[0]!;
  switch (item.outcome) {
    case 'not_found':
      throw new NotFoundError(NOT_FOUND);
    case 'consent_required':
      throw new ForbiddenError(item.detail!);
    case 'conflict':
      throw new ConflictError(item.detail!);
    case 'not_billable':
      throw new RuleViolationError(item.detail!);
    default:
      return item;
  }
}

/**
 * Batch review of generated group encounters (CL-14-EN-01): the queue, approve (publishes
 * `cl_group_encounters_approved.v1` per session), reject with a reason, and correct the proposed code.
 * Every call is audited; Part 2 rows need the reviewer's consent (cl_check_sud_consent).
 */
@ApiTags('group-encounter-generations')
@Controller({ path: 'group-encounter-generations', version: '1' })
export class GroupEncounterGenerationsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @RequirePermission('cl.group-encounter-generation.view')
  @ApiOperation({
    summary: 'The review queue',
    description:
      'Permission: `cl.group-encounter-generation.view` (rows of the sites where it is held). Filters: session, status, date range, site, ' +
      "`billable`, `needsConsent`, `notGenerated`. Rows carry the patient's and the group's names when you may see them. A Part 2 row without " +
      'your consent is withheld: only its id, `sudProgram` and `withheldReason` (no code, attendance, minutes, session or names); filters on a ' +
      "row's own facts (status, billable, notGenerated) never match it. Audited.",
  })
  @ApiPageResponse(GroupEncounterGenerationDto)
  @ApiProblemResponses(400, 401, 403)
  async list(@Query() dto: ListGroupEncounterGenerationsDto) {
    assertDateRange(dto.from, dto.to);
    const { page, pageSize, sort, ...filter } = dto;
    return this.queries.execute(new ListGroupEncounterGenerationsQuery(filter, { page, pageSize }, generationSortOf(sort)));
  }

  @Get('consent-worklist')
  @RequirePermission('cl.consents.manage')
  @ApiOperation({
    summary: 'Patients whose generations wait for a Part 2 consent',
    description:
      'Permission: `cl.consents.manage` (who records consents). Each patient in your scope with SUD-program generations pending review that ' +
      'no approver of their site may see (no consent covers `group_encounter` for them), with how many wait; no dates, groups or codes. ' +
      'Carries the §2.32 notice. Audited.',
  })
  @ApiPageResponse(ConsentWorklistItemDto)
  @ApiProblemResponses(400, 401, 403)
  async consentWorklist(@Query() dto: PageQueryDto) {
    return this.queries.execute(new ListConsentWorklistQuery({ page: dto.page, pageSize: dto.pageSize }));
  }

  @Get(':id')
  @RequirePermission('cl.group-encounter-generation.view')
  @ApiOperation({
    summary: 'One generation',
    description:
      'Permission: `cl.group-encounter-generation.view`. As the queue shows it: withheld (id and reason only) when it is a Part 2 row without ' +
      'your consent, with the §2.32 notice when a Part 2 row is shown. 404 outside your organization or sites. Audited.',
  })
  @ApiOkResponse({ type: GroupEncounterGenerationDto })
  @ApiProblemResponses(401, 403, 404)
  async get(@Param('id', uuidPipe) id: string) {
    const view = await this.queries.execute(new GetGroupEncounterGenerationQuery(id));
    if (!view) throw new NotFoundError(NOT_FOUND);
    return view;
  }

  @Post('approve')
  @HttpCode(200)
  @RequirePermission('cl.group-encounter-generation.approve')
  @ApiOperation({
    summary: 'Approve one or many',
    description:
      'Permission: `cl.group-encounter-generation.approve`. Answers per id: approved, already_approved (no new event), conflict (rejected), not_billable, consent_required, not_found. Publishes one `cl_group_encounters_approved.v1` per session with newly approved rows.',
  })
  @ApiOkResponse({ type: ReviewResultDto })
  @ApiProblemResponses(400, 401, 403)
  async approveMany(@Body() dto: ReviewIdsDto) {
    return this.commands.execute(new ApproveGroupEncountersCommand(dto.ids));
  }

  @Post('reject')
  @HttpCode(200)
  @RequirePermission('cl.group-encounter-generation.approve')
  @ApiOperation({
    summary: 'Reject one or many, with a reason',
    description:
      'Permission: `cl.group-encounter-generation.approve`. `reason` is required. Answers per id: rejected, already_rejected, conflict (approved or absent), consent_required, not_found.',
  })
  @ApiOkResponse({ type: ReviewResultDto })
  @ApiProblemResponses(400, 401, 403)
  async rejectMany(@Body() dto: RejectGenerationsDto) {
    return this.commands.execute(new RejectGroupEncountersCommand(dto.ids, dto.reason));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @RequirePermission('cl.group-encounter-generation.approve')
  @ApiOperation({
    summary: 'Approve one',
    description:
      'Permission: `cl.group-encounter-generation.approve`. Approving twice is a no-op (200, already_approved); a rejected row answers 409, a non-billable one 422, a Part 2 row without consent 403.',
  })
  @ApiOkResponse({ type: ReviewItemResultDto })
  @ApiProblemResponses(401, 403, 404, 409, 422)
  async approve(@Param('id', uuidPipe) id: string) {
    return single(await this.commands.execute(new ApproveGroupEncountersCommand([id])));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @RequirePermission('cl.group-encounter-generation.approve')
  @ApiOperation({
    summary: 'Reject one',
    description:
      'Permission: `cl.group-encounter-generation.approve`. `reason` is required (400). An approved row answers 409, a Part 2 row without consent 403.',
  })
  @ApiOkResponse({ type: ReviewItemResultDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async reject(@Param('id', uuidPipe) id: string, @Body() dto: RejectGenerationDto) {
    return single(await this.commands.execute(new RejectGroupEncountersCommand([id], dto.reason)));
  }

  @Patch(':id')
  @RequirePermission('cl.group-encounter-generation.edit')
  @ApiOperation({
    summary: 'Correct the proposed code and modifiers',
    description:
      'Permission: `cl.group-encounter-generation.edit`. The code must be a CPT/HCPCS code and each modifier a MODIFIER code valid on the session date (400 naming the field). Pending review only (409). Audited with before/after.',
  })
  @ApiOkResponse({ type: GroupEncounterGenerationDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async edit(@Param('id', uuidPipe) id: string, @Body() dto: EditGenerationCodeDto) {
    const view = await this.commands.execute(new EditGroupEncounterCodeCommand(id, dto));
    if (!view) throw new NotFoundError(NOT_FOUND);
    return view;
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @RequirePermission('cl.group-encounter-generation.reopen')
  @ApiOperation({
    summary: 'Reopen an approved or rejected decision',
    description:
      "Permission: `cl.group-encounter-generation.reopen`. The row goes back to pending review (its review round one more) and, for an approval, PM voids its charge in the same transaction; a re-approval is charged again under the new round. 409 when the charge is billed, when the approval has not been charged yet, when the row is not decided, or when two reopens race (one wins). Part 2 rows need the reviewer's consent (403). Publishes `cl_group_encounter_generation_reopened.v1`; audited.",
  })
  @ApiOkResponse({ type: GroupEncounterGenerationDto })
  @ApiProblemResponses(401, 403, 404, 409)
  async reopen(@Param('id', uuidPipe) id: string) {
    const view = await this.commands.execute(new ReopenGroupEncounterGenerationCommand(id));
    if (!view) throw new NotFoundError(NOT_FOUND);
    return view;
  }
}
