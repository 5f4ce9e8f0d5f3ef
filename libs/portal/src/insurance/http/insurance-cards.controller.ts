import { Body, Controller, Get, Param, Post, Res, StreamableFile } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';

import { ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { PortalClient, RequestContextService, RequirePermission } from '@cairn/platform/tenancy';

import { AddInsuranceCardCommand } from '../commands/add-insurance-card/add-insurance-card.command';
import { CARD_SIDES, type CardSide } from '../domain/insurance-card.view';
import { DownloadInsuranceCardImageQuery } from '../queries/download-insurance-card-image/download-insurance-card-image.query';
import { ListInsuranceCardsQuery } from '../queries/list-insurance-cards/list-insurance-cards.query';
import { AddInsuranceCardDto, InsuranceCardResponseDto } from './insurance-cards.dto';

const NO_PATIENT = 'No patient with that id in your scope.';
const NO_IMAGE = 'No insurance card image with that id in your scope.';
const patientId = new ParseIdPipe(() => new NotFoundError(NO_PATIENT));
const cardId = new ParseIdPipe(() => new NotFoundError(NO_IMAGE));

/** Insurance cards (seed Client.insuranceCards): the client enters them, billing staff read them. */
@ApiTags('portal-insurance')
@Controller({ version: '1' })
export class InsuranceCardsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly requestContext: RequestContextService,
  ) {}

  @Post('portal/insurance-cards')
  @PortalClient()
  @ApiOperation({
    summary: 'The client adds an insurance card',
    description:
      'Permission: a signed-in portal client. The photos are images uploaded first (`POST /api/v1/portal/files`, content type by the bytes); billing staff see the card, the therapist does not. A card number anywhere is refused (400). Audited.',
  })
  @ApiCreatedResponse({ type: InsuranceCardResponseDto })
  @ApiProblemResponses(400, 401, 409)
  add(@Body() dto: AddInsuranceCardDto) {
    const patient = this.requestContext.portalClient!.patientId;
    return this.commands.execute(
      new AddInsuranceCardCommand(patient, dto.payerName, dto.memberId, dto.groupNumber ?? null, dto.frontFileId, dto.backFileId ?? null),
    );
  }

  @Get('portal/insurance-cards')
  @PortalClient()
  @ApiOperation({ summary: "The client's insurance cards, newest first", description: 'Permission: a signed-in portal client. Audited.' })
  @ApiOkResponse({ type: InsuranceCardResponseDto, isArray: true })
  @ApiProblemResponses(401)
  mine() {
    return this.queries.execute(new ListInsuranceCardsQuery(this.requestContext.portalClient!.patientId));
  }

  @Get('patients/:id/insurance-cards')
  @RequirePermission('portal.billing.view')
  @ApiOperation({
    summary: "A client's insurance cards from the portal, newest first",
    description: 'Permission: `portal.billing.view` (billing, front desk, practice manager, owner, admin) for patients in scope. Audited.',
  })
  @ApiOkResponse({ type: InsuranceCardResponseDto, isArray: true })
  @ApiProblemResponses(401, 403, 404)
  async list(@Param('id', patientId) id: string) {
    const cards = await this.queries.execute(new ListInsuranceCardsQuery(id));
    if (cards === null) throw new NotFoundError(NO_PATIENT);
    return cards;
  }

  @Get('patients/:id/insurance-cards/:cardId/:side')
  @RequirePermission('portal.billing.view')
  @ApiParam({ name: 'side', enum: CARD_SIDES })
  @ApiOperation({ summary: "A photo of one side of a client's insurance card", description: 'Permission: `portal.billing.view`. Audited.' })
  @ApiOkResponse({ content: { 'image/png': {}, 'image/jpeg': {}, 'image/webp': {}, 'image/gif': {} } })
  @ApiProblemResponses(401, 403, 404)
  async image(
    @Param('id', patientId) id: string,
    @Param('cardId', cardId) card: string,
    @Param('side') side: string,
    @Res({ passthrough: true }) res: Response,
  ) {
    if (!(CARD_SIDES as readonly string[]).includes(side)) throw new NotFoundError(NO_IMAGE);
    const opened = await this.queries.execute(new DownloadInsuranceCardImageQuery(id, card, side as CardSide));
    if (!opened) throw new NotFoundError(NO_IMAGE);
    res.setHeader('Content-Type', opened.file.contentType);
    res.setHeader('Content-Disposition', `inline; filename="insurance-card-${side}"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(opened.content);
  }
}
