import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { ApiPageResponse, ApiProblemResponses, Page, pageWindow, streamCsv, wantsCsv } from '@cairn/platform/http';
import { RequirePermission } from '@cairn/platform/tenancy';

import type { ChargeView } from '../domain/charge.view';
import { ExportChargesQuery } from '../queries/export-charges/export-charges.query';
import { ListChargesQuery } from '../queries/list-charges/list-charges.query';
import { CHARGE_CSV_COLUMNS, chargeCsvRow } from './charges.csv';
import { ChargeResponseDto, ListChargesDto } from './charges.dto';

/** Charges (PM-07) for billing: created by the worker from approved group encounters and finalized peer encounters. */
@ApiTags('charges')
@Controller({ path: 'charges', version: '1' })
export class ChargesController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @RequirePermission('pm.charges.view')
  @ApiOperation({
    summary: 'List charges with their source and proposed vs final code',
    description:
      "Permission: `pm.charges.view`. Filters: status, site, service date range, source type, group session, patient. Paginated, newest service date first; only the caller's sites. " +
      "42 CFR Part 2: a charge of a Part 2 chart without your consent for its billing records is withheld (only its id, `consentRequired` and `withheldReason`: no code, amount, date, source or patient), and filters on a charge's own facts (status, source type, patient) never match it; a shown Part 2 charge carries the §2.32 `part2Notice`. " +
      'CSV with `format=csv` or `Accept: text/csv`: every matching charge (at most 10,000, else 422), masked the same way, chunked with the export trailers. Audited (`charge.list`, `charge.export`).',
  })
  @ApiPageResponse(ChargeResponseDto)
  @ApiProduces('application/json', 'text/csv')
  @ApiProblemResponses(400, 401, 403, 422)
  async list(
    @Query() dto: ListChargesDto,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Page<ChargeView> | void> {
    const { page, pageSize } = pageWindow(dto);
    const filter = {
      status: dto.status,
      siteId: dto.siteId,
      from: dto.from,
      to: dto.to,
      sourceType: dto.sourceType,
      sessionId: dto.sessionId,
      patientId: dto.patientId,
    };
    if (!wantsCsv(dto.format, accept)) return this.queries.execute(new ListChargesQuery({ ...filter, page, pageSize }));
    const charges = await this.queries.execute(new ExportChargesQuery(filter));
    // Audited and committed by now; streamed with the export trailers (streamCsv).
    await streamCsv(res, { filename: 'charges.csv', columns: CHARGE_CSV_COLUMNS, rows: [charges.map(chargeCsvRow)] });
  }
}
