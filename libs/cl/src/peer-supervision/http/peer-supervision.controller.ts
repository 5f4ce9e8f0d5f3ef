import { Body, Controller, Get, Headers, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { ApiPageResponse, ApiProblemResponses, ParseIdPipe, streamCsv, wantsCsv } from '@cairn/platform/http';
import { InvalidInputError, NotFoundError } from '@cairn/platform/kernel';
import { RequirePermission } from '@cairn/platform/tenancy';

import { EditPeerSupervisionCommand } from '../commands/edit-peer-supervision/edit-peer-supervision.command';
import { RecordPeerSupervisionCommand } from '../commands/record-peer-supervision/record-peer-supervision.command';
import { EDIT_WINDOW_DAYS, MAX_REPORT_MONTHS, SupervisionReport } from '../domain/peer-supervision.rules';
import type { PeerSupervisionView } from '../domain/peer-supervision.view';
import { GetPeerSupervisionReportQuery } from '../queries/get-peer-supervision-report/get-peer-supervision-report.query';
import { GetPeerSupervisionQuery } from '../queries/get-peer-supervision/get-peer-supervision.query';
import { ListPeerSupervisionQuery } from '../queries/list-peer-supervision/list-peer-supervision.query';
import { SUPERVISION_CSV_COLUMNS, supervisionCsvRow } from './peer-supervision.csv';
import {
  EditPeerSupervisionDto,
  ListPeerSupervisionQueryDto,
  PeerSupervisionReportDto,
  PeerSupervisionReportQueryDto,
  PeerSupervisionResponseDto,
  PeerSupervisionSummaryDto,
  RecordPeerSupervisionDto,
} from './peer-supervision.dto';

const NOT_FOUND = 'No peer supervision record with that id that you may see.';
const uuidPipe = new ParseIdPipe(() => new NotFoundError(NOT_FOUND));

function found(s: PeerSupervisionView | null): PeerSupervisionView {
  if (!s) throw new NotFoundError(NOT_FOUND);
  return s;
}

/**
 * Peer supervision (CL-19): supervision sessions of peer specialists, organization-scoped (no chart in this phase).
 * A peer sees their own, a supervisor the ones they gave, holders of `cl.peer-supervision.org-wide` the
 * organization's (row-level security as well). The notes are PHI: every read and write is audited, never the text.
 */
@ApiTags('peer-supervision')
@Controller({ path: 'peer-supervision', version: '1' })
export class PeerSupervisionController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post()
  @RequirePermission('cl.peer-supervision.record')
  @ApiOperation({
    summary: 'Record a supervision session of a peer specialist',
    description:
      'Permission: `cl.peer-supervision.record`. `peerProviderId` must be an active peer specialist of the organization and `supervisorId` ' +
      '(default: you) hold a supervising role (422 naming the field); nobody supervises themselves (422) and you cannot record supervision you ' +
      "received (403). `supervisionDate` not after today in the organization's time zone (422); `durationMinutes` 1 to 480; modality individual, " +
      'group, telehealth or phone (400). Audited without the notes.',
  })
  @ApiCreatedResponse({ type: PeerSupervisionResponseDto })
  @ApiProblemResponses(400, 401, 403, 422)
  async record(@Body() dto: RecordPeerSupervisionDto) {
    return this.commands.execute(new RecordPeerSupervisionCommand(dto));
  }

  @Get()
  @RequirePermission('cl.peer-supervision.view')
  @ApiOperation({
    summary: 'Supervision records you may see, newest first (paginated, no notes)',
    description:
      "Permission: `cl.peer-supervision.view`. Your own (as peer or supervisor), or the organization's with `cl.peer-supervision.org-wide`. " +
      'Filters: peer, supervisor, date range (inclusive), modality. Audited.',
  })
  @ApiPageResponse(PeerSupervisionSummaryDto)
  @ApiProblemResponses(400, 401, 403)
  async list(@Query() q: ListPeerSupervisionQueryDto) {
    return this.queries.execute(new ListPeerSupervisionQuery(q));
  }

  @Get('report')
  @RequirePermission('cl.peer-supervision.report')
  @ApiOperation({
    summary: 'Supervision hours per peer specialist per month',
    description:
      `Permission: \`cl.peer-supervision.report\`. \`from\`/\`to\` are months (YYYY-MM, inclusive, at most ${MAX_REPORT_MONTHS}; 400 naming the field). ` +
      'One row per peer per month: sessions, minutes, decimal hours and the same per modality; months without supervision are zero rows and are ' +
      'listed per peer in `peers[].monthsWithoutSupervision`. Every active peer specialist is listed with `cl.peer-supervision.org-wide`, otherwise ' +
      'only your own supervision (another `peerProviderId` answers 403). JSON, or CSV with `format=csv` or `Accept: text/csv` (chunked; a complete CSV ' +
      'ends with the trailers `X-Export-Status: complete` and `X-Export-Rows`, a failed one is cut without them). Audited.',
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: PeerSupervisionReportDto, description: 'JSON, or CSV with a header row when asked for' })
  @ApiProblemResponses(400, 401, 403, 422)
  async report(
    @Query() dto: PeerSupervisionReportQueryDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<SupervisionReport | void> {
    const csv = wantsCsv(dto.format, accept);
    const report = await this.queries.execute(
      new GetPeerSupervisionReportQuery({ from: dto.from, to: dto.to, peerProviderId: dto.peerProviderId, format: csv ? 'csv' : 'json' }),
    );
    if (!csv) return report;
    // Audited and committed by now; streamed with the export trailers (streamCsv).
    await streamCsv(res, {
      filename: `peer-supervision-hours-${dto.from}-${dto.to}.csv`,
      columns: SUPERVISION_CSV_COLUMNS,
      rows: [report.items.map(supervisionCsvRow)],
    });
  }

  @Get(':id')
  @RequirePermission('cl.peer-supervision.view')
  @ApiOperation({
    summary: 'A supervision record with its notes',
    description: 'Permission: `cl.peer-supervision.view`; a record you may not see answers 404. Audited (the notes are PHI).',
  })
  @ApiOkResponse({ type: PeerSupervisionResponseDto })
  @ApiProblemResponses(401, 403, 404)
  async get(@Param('id', uuidPipe) id: string) {
    return found(await this.queries.execute(new GetPeerSupervisionQuery(id)));
  }

  @Patch(':id')
  @RequirePermission('cl.peer-supervision.record')
  @ApiOperation({
    summary: 'Correct a supervision record',
    description:
      `Permission: \`cl.peer-supervision.record\`; only whoever recorded it (403), within ${EDIT_WINDOW_DAYS} days of recording (409 afterwards: ` +
      'the record is final). The same rules as recording (400, 422). Audited with the old and new values of each changed field (the notes only as changed).',
  })
  @ApiOkResponse({ type: PeerSupervisionResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async edit(@Param('id', uuidPipe) id: string, @Body() dto: EditPeerSupervisionDto) {
    if (Object.values(dto).every((v) => v === undefined || v === null)) {
      throw new InvalidInputError('Nothing to change.', [{ field: 'body', message: 'name at least one field to change' }]);
    }
    return found(await this.commands.execute(new EditPeerSupervisionCommand(id, dto)));
  }
}
