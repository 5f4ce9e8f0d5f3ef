import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { ApiProblemResponses, EXPORT_ROWS_TRAILER, EXPORT_STATUS_TRAILER, streamCsv } from '@cairn/platform/http';
import { RequirePermission } from '@cairn/platform/tenancy';

import { AuditExportService } from './audit-export.service';
import { AUDIT_CSV_COLUMNS } from './queries/list-audit-events/audit-event-filter';
import {
  AuditEventFilterDto,
  AuditEventPageDto,
  ChainVerificationDto,
  ListAuditEventsDto,
} from './queries/list-audit-events/audit-events.dto';
import { ListAuditEventsQuery, type AuditEventFilter } from './queries/list-audit-events/list-audit-events.query';
import { VerifyAuditChainQuery } from './queries/verify-audit-chain/verify-audit-chain.query';

function toFilter(dto: AuditEventFilterDto): AuditEventFilter {
  return {
    actorUserId: dto.actorUserId,
    patientId: dto.patientId,
    action: dto.action,
    from: dto.from ? new Date(dto.from) : undefined,
    to: dto.to ? new Date(dto.to) : undefined,
  };
}

@ApiTags('audit')
@Controller({ path: 'audit-events', version: '1' })
export class AuditController {
  constructor(
    private readonly queries: QueryBus,
    private readonly exporter: AuditExportService,
  ) {}

  @Get()
  @RequirePermission('audit.view')
  @ApiOperation({
    summary: "The organization's audit log, newest first",
    description: 'Permission: `audit.view`. Filters: actor, patient, action, time range. Reading it is audited.',
  })
  @ApiOkResponse({ type: AuditEventPageDto })
  list(@Query() dto: ListAuditEventsDto) {
    return this.queries.execute(new ListAuditEventsQuery(toFilter(dto), dto.page ?? 1, dto.pageSize ?? 100));
  }

  @Get('export')
  @RequirePermission('audit.view')
  @ApiOperation({
    summary: 'Export the audit log as CSV (streamed)',
    description:
      'Permission: `audit.view`, checked when the export starts. The export is audited. Filters are validated and the first page is read ' +
      'before anything is sent, so a bad filter is a 400 and a database failure a 5xx problem, never a 200. The CSV is streamed with ' +
      `\`Transfer-Encoding: chunked\` and \`Trailer: ${EXPORT_STATUS_TRAILER}, ${EXPORT_ROWS_TRAILER}\`: a complete export ends with the trailers ` +
      `\`${EXPORT_STATUS_TRAILER}: complete\` and \`${EXPORT_ROWS_TRAILER}: <data rows>\`. If it fails midway the connection is closed without the ` +
      'terminating chunk (clients report an incomplete response) and no trailer is sent: treat a file without `complete` as failed.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'CSV with a header row, newest event first',
    content: { 'text/csv': { schema: { type: 'string' } } },
    headers: {
      Trailer: {
        description: `Announces the trailers \`${EXPORT_STATUS_TRAILER}\` and \`${EXPORT_ROWS_TRAILER}\``,
        schema: { type: 'string' },
      },
    },
  })
  @ApiProblemResponses(400, 401, 403, 500)
  async export(@Query() dto: AuditEventFilterDto, @Res() res: Response): Promise<void> {
    await streamCsv(res, {
      filename: `audit-events-${new Date().toISOString().slice(0, 10)}.csv`,
      columns: AUDIT_CSV_COLUMNS,
      rows: this.exporter.batches(toFilter(dto)),
    });
  }

  @Get('verify')
  @RequirePermission('audit.verify')
  @ApiOperation({
    summary: "Verify the organization's hash chain",
    description: 'Permission: `audit.verify`. Reports the first broken link, if any.',
  })
  @ApiOkResponse({ type: ChainVerificationDto })
  verify() {
    return this.queries.execute(new VerifyAuditChainQuery());
  }
}
