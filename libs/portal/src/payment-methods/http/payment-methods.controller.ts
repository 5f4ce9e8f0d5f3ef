import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';

import { ApiProblemResponses, ParseIdPipe } from '@cairn/platform/http';
import { NotFoundError } from '@cairn/platform/kernel';
import { PortalClient, RequestContextService, RequirePermission } from '@cairn/platform/tenancy';

import { AddPaymentMethodCommand } from '../commands/add-payment-method/add-payment-method.command';
import { ListPaymentMethodsQuery } from '../queries/list-payment-methods/list-payment-methods.query';
import { AddPaymentMethodDto, PaymentMethodResponseDto } from './payment-methods.dto';

const patientId = new ParseIdPipe(() => new NotFoundError('No patient with that id in your scope.'));

/** Payment methods (seed Client.paymentMethods), tokenised by the processor: Cairn never holds a card number. */
@ApiTags('portal-payment-methods')
@Controller({ version: '1' })
export class PaymentMethodsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    private readonly requestContext: RequestContextService,
  ) {}

  @Post('portal/payment-methods')
  @PortalClient()
  @ApiOperation({
    summary: 'The client saves a tokenised card',
    description:
      "Permission: a signed-in portal client. Only the processor's token, the brand, the last four digits and the expiry; a card number or CVV in any field is refused (400 naming the field). Audited.",
  })
  @ApiCreatedResponse({ type: PaymentMethodResponseDto })
  @ApiProblemResponses(400, 401)
  add(@Body() dto: AddPaymentMethodDto) {
    const patient = this.requestContext.portalClient!.patientId;
    return this.commands.execute(
      new AddPaymentMethodCommand(patient, dto.processor, dto.processorToken, dto.brand, dto.last4, dto.expMonth, dto.expYear),
    );
  }

  @Get('portal/payment-methods')
  @PortalClient()
  @ApiOperation({
    summary: "The client's saved payment methods, newest first",
    description: 'Permission: a signed-in portal client. Audited.',
  })
  @ApiOkResponse({ type: PaymentMethodResponseDto, isArray: true })
  @ApiProblemResponses(401)
  mine() {
    return this.queries.execute(new ListPaymentMethodsQuery(this.requestContext.portalClient!.patientId));
  }

  @Get('patients/:id/payment-methods')
  @RequirePermission('portal.billing.view')
  @ApiOperation({
    summary: "A client's saved payment methods (brand, last four, expiry; never the token)",
    description: 'Permission: `portal.billing.view` for patients in scope. Audited.',
  })
  @ApiOkResponse({ type: PaymentMethodResponseDto, isArray: true })
  @ApiProblemResponses(401, 403, 404)
  async list(@Param('id', patientId) id: string) {
    const methods = await this.queries.execute(new ListPaymentMethodsQuery(id));
    if (methods === null) throw new NotFoundError('No patient with that id in your scope.');
    return methods;
  }
}
