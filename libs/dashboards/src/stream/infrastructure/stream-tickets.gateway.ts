import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';

import { MessagingConnections } from '@cairn/platform/messaging';

/** How long a stream ticket may wait to be used (once). */
export const STREAM_TICKET_TTL_SECONDS = 60;

const TICKET = /^[A-Za-z0-9_-]{43}$/;

/**
 * Stream tickets (ADR 0017): a browser's EventSource cannot send an Authorization header, so an authenticated POST
 * exchanges the caller's bearer token for a random single-use ticket that names it for 60 seconds. Redis holds only
 * the ticket's SHA-256 (the key) and the token with its organization (the value); redeeming deletes it (GETDEL), so
 * a ticket copied from a log or a URL is worth nothing once used or expired. The token then goes through the same
 * guard as any request (signature, expiry, live session, permission).
 */
@Injectable()
export class StreamTicketsGateway {
  constructor(private readonly connections: MessagingConnections) {}

  private key(ticket: string): string {
    return `${this.connections.prefix}:dashboards:stream-ticket:${createHash('sha256').update(ticket).digest('hex')}`;
  }

  async issue(accessToken: string, organizationId: string): Promise<string> {
    const ticket = randomBytes(32).toString('base64url');
    await this.connections.producer.set(
      this.key(ticket),
      JSON.stringify({ accessToken, organizationId }),
      'EX',
      STREAM_TICKET_TTL_SECONDS,
      'NX',
    );
    return ticket;
  }

  /** The token and organization of a ticket, deleting it; null when unknown, used or expired. */
  async redeem(ticket: string): Promise<{ accessToken: string; organizationId: string } | null> {
    if (!TICKET.test(ticket)) return null;
    const raw = await this.connections.producer.getdel(this.key(ticket));
    if (!raw) return null;
    const v = JSON.parse(raw) as { accessToken?: unknown; organizationId?: unknown };
    return typeof v.accessToken === 'string' && typeof v.organizationId === 'string'
      ? { accessToken: v.accessToken, organizationId: v.organizationId }
      : null;
  }
}
