import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';

import { AddPaymentMethodHandler } from './commands/add-payment-method/add-payment-method.handler';
import { PaymentMethodsController } from './http/payment-methods.controller';
import { ListPaymentMethodsHandler } from './queries/list-payment-methods/list-payment-methods.handler';

/** Tokenised payment methods entered by the client, read by billing staff. */
@Module({
  imports: [CqrsModule],
  controllers: [PaymentMethodsController],
  providers: [AddPaymentMethodHandler, ListPaymentMethodsHandler],
})
export class PaymentMethodsModule {}
