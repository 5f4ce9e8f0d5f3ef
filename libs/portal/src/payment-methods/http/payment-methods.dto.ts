import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';

import type { Assert, SameShape } from '@cairn/platform/http';

import { CARD_BRANDS, PAYMENT_PROCESSORS, type PaymentMethodView } from '../domain/payment-method.view';

export class AddPaymentMethodDto {
  @ApiProperty({ enum: PAYMENT_PROCESSORS })
  @IsIn(PAYMENT_PROCESSORS, { message: `processor must be one of ${PAYMENT_PROCESSORS.join(', ')}` })
  processor!: string;

  @ApiProperty({
    example: 'pm_1QaZ9xLkT4rVb2',
    maxLength: 255,
    description: "The processor's token for the card, created in the browser; never a card number",
  })
  @IsString({ message: 'processorToken must be a string' })
  @Matches(/^(?=[A-Za-z0-9_.:-]*[A-Za-z])[A-Za-z0-9_.:-]{8,255}$/, {
    message: "processorToken must be the processor's token (8-255 letters, digits, '_', '-', '.', ':'), not a card number",
  })
  processorToken!: string;

  @ApiProperty({ enum: CARD_BRANDS })
  @IsIn(CARD_BRANDS, { message: `brand must be one of ${CARD_BRANDS.join(', ')}` })
  brand!: string;

  @ApiProperty({ example: '4242', pattern: '^[0-9]{4}$' })
  @IsString({ message: 'last4 must be a string' })
  @Matches(/^[0-9]{4}$/, { message: 'last4 must be the last four digits of the card' })
  last4!: string;

  @ApiProperty({ minimum: 1, maximum: 12, example: 8 })
  @IsInt({ message: 'expMonth must be an integer' })
  @Min(1, { message: 'expMonth must be 1 to 12' })
  @Max(12, { message: 'expMonth must be 1 to 12' })
  expMonth!: number;

  @ApiProperty({ minimum: 2000, maximum: 2100, example: 2029 })
  @IsInt({ message: 'expYear must be an integer' })
  @Min(2000, { message: 'expYear must be a four-digit year' })
  @Max(2100, { message: 'expYear must be a four-digit year' })
  expYear!: number;
}

export class PaymentMethodResponseDto {
  @ApiProperty({ format: 'uuid' }) paymentMethodId!: string;
  @ApiProperty({ format: 'uuid' }) patientId!: string;
  @ApiProperty({ enum: PAYMENT_PROCESSORS }) processor!: string;
  @ApiProperty({ enum: CARD_BRANDS }) brand!: string;
  @ApiProperty({ example: '4242' }) last4!: string;
  @ApiProperty() expMonth!: number;
  @ApiProperty() expYear!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

type _PaymentMethod = Assert<SameShape<PaymentMethodView, PaymentMethodResponseDto>>;
