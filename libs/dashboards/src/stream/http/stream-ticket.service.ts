import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

import { StreamTicketsGateway } from '../infrastructure/stream-tickets.gateway';

/**
 * Middleware of GET /api/v1/dashboards/stream only: a request without an Authorization header but with
 * `?ticket=` has the ticket redeemed (single use) into the bearer token and organization it was issued for, which
 * the global access guard then checks like any request. An unknown, used or expired ticket leaves the request
 * without a token: the guard answers 401. A request with its own Authorization header ignores the ticket.
 */
@Injectable()
export class StreamTicketMiddleware implements NestMiddleware {
  constructor(private readonly tickets: StreamTicketsGateway) {}

  async use(req: Request, _res: Response, next: NextFunction): Promise<void> {
    try {
      const ticket = req.query['ticket'];
      if (req.method === 'GET' && !req.headers.authorization && typeof ticket === 'string') {
        const redeemed = await this.tickets.redeem(ticket);
        if (redeemed) {
          req.headers.authorization = `Bearer ${redeemed.accessToken}`;
          req.headers['x-organization-id'] = redeemed.organizationId;
        }
      }
      next();
    } catch (e) {
      next(e);
    }
  }
}
