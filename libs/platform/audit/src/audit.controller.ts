import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { RequirePermission } from '@cairn/platform/tenancy';
import { AuditExportService } from './audit-export.service';
import { AuditEventFilterDto, AuditEventPageDto, ChainVerificationDto, ListAuditEventsDto } from './queries/list-audit-events/audit-events.dto';
import type { AuditEventFilter } from './queries/list-audit-events/list-audit-events.query';
import { ListAuditEventsQuery } from './queries/list-audit-events/list-audit-events.query';
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
  @ApiOperation({ summary: "The organization's audit log, newest first", description: 'Permission: `audit.view`. Filters: actor, patient, action, time range. Reading it is audited.' })
  @ApiOkResponse({ type: AuditEventPageDto })
  list(@Query() dto: ListAuditEventsDto) {
    return this.queries.execute(new ListAuditEventsQuery(toFilter(dto), dto.page ?? 1, dto.pageSize ?? 100));
  }

  @Get('export')
  @RequirePermission('audit.view')
  @ApiOperation({ summary: 'Export the audit log as CSV (streamed)', description: 'Permission: `audit.view`, checked when the export starts. The export is audited.' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'CSV with a header row', content: { 'text/csv': { schema: { type: 'string' } } } })
  async export(@Query() dto: AuditEventFilterDto, @Res() res: Response): Promise<void> {
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="audit-events-${new Date().toISOString().slice(0, 10)}.csv"`);
    res.setHeader('Cache-Control', 'no-store');
    await this.exporter.stream(toFilter(dto), (chunk) =>
      new Promise<void>((resolve) => (res.write(chunk) ? resolve() : res.once('drain', resolve))),
    );
    res.end();
  }

  @Get('verify')
  @RequirePermission('audit.verify')
  @ApiOperation({ summary: "Verify the organization's hash chain", description: 'Permission: `audit.verify`. Reports the first broken link, if any.' })
  @ApiOkResponse({ type: ChainVerificationDto })
  verify() {
    return this.queries.execute(new VerifyAuditChainQuery());
  }
}
