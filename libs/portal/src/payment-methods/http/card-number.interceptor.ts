import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

import { InvalidInputError } from '@cairn/platform/kernel';

import { findCardData } from '../domain/card-number.rules';

/** The controllers of the portal's feature modules (PortalModule provides the set). */
export const PORTAL_CONTROLLERS = Symbol('PORTAL_CONTROLLERS');

/**
 * No card number or CVV enters the portal (issue 19 item 6): every request to a portal controller — the client's
 * and staff's, every write (a journal entry, feedback, an insurance card's member id) and every query string — is
 * refused with a 400 naming the field when any field holds a Luhn-valid 13-19 digit run or is named like a card
 * number or security code. It runs before the validation pipe and the handler, so nothing is stored, and applies to
 * feature modules added later without an edit. Multipart uploads' form fields are parsed after it (the file is
 * checked by its bytes instead).
 */
@Injectable()
export class CardNumberInterceptor implements NestInterceptor {
  constructor(@Inject(PORTAL_CONTROLLERS) private readonly controllers: ReadonlySet<unknown>) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http' && this.controllers.has(context.getClass())) {
      const req = context.switchToHttp().getRequest<Request>();
      const errors = [...findCardData(req.body), ...findCardData(req.query)];
      if (errors.length > 0) throw new InvalidInputError('The request holds payment card data, which the portal never accepts.', errors);
    }
    return next.handle();
  }
}
