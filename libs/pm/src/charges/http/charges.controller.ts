import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { ApiPageResponse, ApiProblemResponses, Page, pageWindow, ParseIdPipe, streamCsv, wantsCsv } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { RequirePermission } from '@cairn/platform/tenancy';

import { BillChargeCommand } from '../commands/bill-charge/bill-charge.command';
import { CorrectChargeCommand } from '../commands/correct-charge/correct-charge.command';
import { VoidChargeCommand } from '../commands/void-charge/void-charge.command';
import { chargeSortOf } from '../domain/charge-sort.rules';
import type { ChargeView } from '../domain/charge.view';
import { ExportChargesQuery } from '../queries/export-charges/export-charges.query';
import { ListChargesQuery } from '../queries/list-charges/list-charges.query';
import { CHARGE_CSV_COLUMNS, chargeCsvRow } from './charges.csv';
import { ChargeCorrectionResponseDto, ChargeResponseDto, CorrectChargeDto, ListChargesDto, VoidChargeDto } from './charges.dto';

const NOT_FOUND = 'No charge with that id in your scope.';
const uuidPipe = new ParseIdPipe(() => new NotFoundError(NOT_FOUND));

function found<T>(value: T | null): T {
  if (value === null) throw new NotFoundError(NOT_FOUND);
  return value;
}

/** Charges (PM-07) for billing: created by the worker from approved group encounters and finalized peer encounters. */
@ApiTags('charges')
@Controller({ path: 'charges', version: '1' })
export class ChargesController {
  constructor(
    private readonly queries: QueryBus,
    private readonly commands: CommandBus,
  ) {}

  @Get()
  @RequirePermission('pm.charges.view')
  @ApiOperation({
    summary: 'List charges with their source and proposed vs final code',
    description:
      "Permission: `pm.charges.view`. Filters: status, site, service date range, source type, group session, patient. Paginated, newest service date first unless `sort` says otherwise; only the caller's sites. " +
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
    if (!wantsCsv(dto.format, accept))
      return this.queries.execute(new ListChargesQuery({ ...filter, page, pageSize, sort: chargeSortOf(dto.sort) }));
    const charges = await this.queries.execute(new ExportChargesQuery(filter));
    // Audited and committed by now; streamed with the export trailers (streamCsv).
    await streamCsv(res, { filename: 'charges.csv', columns: CHARGE_CSV_COLUMNS, rows: [charges.map(chargeCsvRow)] });
  }

  @Post(':id/void')
  @HttpCode(200)
  @RequirePermission('pm.charges.void')
  @ApiOperation({
    summary: 'Void a ready or held charge',
    description:
      'Permission: `pm.charges.void`. ready or on_hold -> voided (nothing is deleted or edited: the row keeps its amounts); a billed or already voided charge answers 409. Publishes `pm_charge_status_changed.v1`; audited `charge.void` with the reason kind.',
  })
  @ApiOkResponse({ type: ChargeResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409)
  async void(@Param('id', uuidPipe) id: string, @Body() dto: VoidChargeDto) {
    return found(await this.commands.execute(new VoidChargeCommand(id, dto.reason)));
  }

  @Post(':id/correct')
  @HttpCode(200)
  @RequirePermission('pm.charges.void')
  @ApiOperation({
    summary: 'Void a charge and record its correction',
    description:
      "Permission: `pm.charges.void`. In one transaction: the charge (ready or on_hold) is voided (`corrected`) and a NEW charge of the same source, one lineage step on (`lifecycle.correctsChargeId`), bills the given units of the code and modifiers (default: the charge's proposed ones), priced by the fee schedule on the service date (no entry: 422 naming code). Billed or voided: 409; of two concurrent corrections one succeeds. Audited `charge.correct`.",
  })
  @ApiOkResponse({ type: ChargeCorrectionResponseDto })
  @ApiProblemResponses(400, 401, 403, 404, 409, 422)
  async correct(@Param('id', uuidPipe) id: string, @Body() dto: CorrectChargeDto) {
    return found(
      await this.commands.execute(
        new CorrectChargeCommand(id, { units: dto.units, code: dto.code, modifiers: dto.modifiers, reason: dto.reason }),
      ),
    );
  }

  @Post(':id/bill')
  @HttpCode(200)
  @RequirePermission('pm.charges.bill')
  @ApiOperation({
    summary: 'Mark a ready charge billed',
    description:
      'Permission: `pm.charges.bill`. ready -> billed; from then on the charge cannot be voided or corrected (409), and its review cannot be reopened. A held, voided or billed charge answers 409. Publishes `pm_charge_status_changed.v1`; audited `charge.bill`.',
  })
  @ApiOkResponse({ type: ChargeResponseDto })
  @ApiProblemResponses(401, 403, 404, 409)
  async bill(@Param('id', uuidPipe) id: string) {
    return found(await this.commands.execute(new BillChargeCommand(id)));
  }
}
