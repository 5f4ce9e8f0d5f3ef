import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { RequirePermission } from '@cairn/platform/tenancy';

import { AddProgressNoteAddendumCommand } from '../commands/add-progress-note-addendum/add-progress-note-addendum.command';
import { CreateProgressNoteCommand } from '../commands/create-progress-note/create-progress-note.command';
import { EditProgressNoteCommand } from '../commands/edit-progress-note/edit-progress-note.command';
import { SignProgressNoteCommand } from '../commands/sign-progress-note/sign-progress-note.command';
import type { ProgressNoteView } from '../domain/progress-note.view';
import { GetProgressNoteQuery } from '../queries/get-progress-note/get-progress-note.query';
import { AddAddendumDto, CreateProgressNoteDto, EditProgressNoteDto, ProgressNoteResponseDto } from './progress-notes.dto';

const NOT_FOUND = 'No progress note (or patient) with that id in your scope.';
const uuidPipe = new ParseIdPipe(() => new NotFoundError(NOT_FOUND));

function found(n: ProgressNoteView | null): ProgressNoteView {
  if (!n) throw new NotFoundError(NOT_FOUND);
  return n;
}

/**
 * Progress notes (CL-04): a draft per session, edited by its author, then signed, which locks it; signed notes
 * gain addenda. Visible exactly when the patient is (care team or site-wide scope). Every access is audited.
 */
@ApiTags('progress-notes')
@Controller({ path: 'progress-notes', version: '1' })
export class ProgressNotesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermission('cl.progress-notes.write')
  @ApiOperation({
    summary: 'Start a draft note for a session',
    description: 'Permission: `cl.progress-notes.write`; the patient must be in scope. One note per appointment (409).',
  })
  @ApiCreatedResponse({ type: ProgressNoteResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async create(@Body() dto: CreateProgressNoteDto) {
    return found(await this.commands.execute(new CreateProgressNoteCommand(dto)));
  }

  @Get(':id')
  @RequirePermission('patients.view')
  @ApiOperation({ summary: 'A note with its addenda', description: 'Permission: `patients.view`, for a patient in scope. Audited.' })
  @ApiOkResponse({ type: ProgressNoteResponseDto })
  @ApiProblemResponses(401, 403, 404)
  async get(@Param('id', uuidPipe) id: string) {
    return found(await this.queries.execute(new GetProgressNoteQuery(id)));
  }

  @Patch(':id')
  @RequirePermission('cl.progress-notes.write')
  @ApiOperation({
    summary: 'Edit a draft',
    description: 'Permission: `cl.progress-notes.write`; the author only. A signed note answers 409.',
  })
  @ApiOkResponse({ type: ProgressNoteResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async edit(@Param('id', uuidPipe) id: string, @Body() dto: EditProgressNoteDto) {
    return found(await this.commands.execute(new EditProgressNoteCommand(id, dto)));
  }

  @Post(':id/sign')
  @HttpCode(200)
  @RequirePermission('cl.progress-notes.write')
  @ApiOperation({
    summary: 'Sign and lock a draft',
    description: 'Permission: `cl.progress-notes.write`; the author only, once the session has ended (422 before).',
  })
  @ApiOkResponse({ type: ProgressNoteResponseDto })
  @ApiProblemResponses(401, 403, 404, 409, 422)
  async sign(@Param('id', uuidPipe) id: string) {
    return found(await this.commands.execute(new SignProgressNoteCommand(id)));
  }

  @Post(':id/addenda')
  @RequirePermission('cl.progress-notes.write')
  @ApiOperation({
    summary: 'Add an addendum to a signed note',
    description: 'Permission: `cl.progress-notes.write`. A draft answers 409 (edit it instead).',
  })
  @ApiCreatedResponse({ type: ProgressNoteResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async addendum(@Param('id', uuidPipe) id: string, @Body() dto: AddAddendumDto) {
    return found(await this.commands.execute(new AddProgressNoteAddendumCommand(id, dto.body)));
  }
}
