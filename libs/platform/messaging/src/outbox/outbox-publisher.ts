import { randomUUID } from 'node:crypto';
import { TransactionHost } from '@nestjs-cls/transactional';
import { Injectable } from '@nestjs/common';

import type { Prisma, TenantTx } from '@cairn/platform/db';

import { EVENT_TYPES, EventPayloads, EventType, IntegrationEvent } from '../event-types';

/**
 * A transaction client: what `TransactionHost.tx` (inside withTransaction), `withTenant(...)` and
 * `prisma.$transaction(...)` hand out. Never the root client: that would commit the event on its own.
 */
export type OutboxTx = Pick<Prisma.TransactionClient, '$executeRaw'>;

export interface PublishOptions {
  /** Defaults to a new UUID. */
  id?: string;
  /** Defaults to now. */
  occurredAt?: Date;
}

export class OutboxPublishError extends Error {}

/** Builds and checks an envelope: known type, and a payload of the same organization as the event. */
export function buildEvent<T extends EventType>(
  type: T,
  organizationId: string,
  payload: EventPayloads[T],
  opts: PublishOptions = {},
): IntegrationEvent<T> {
  if (!EVENT_TYPES.includes(type)) throw new OutboxPublishError(`Unknown event type ${String(type)}`);
  if (payload.organization_id !== organizationId) {
    throw new OutboxPublishError(`The ${type} payload names organization ${payload.organization_id}, the event ${organizationId}`);
  }
  return { id: opts.id ?? randomUUID(), type, organizationId, occurredAt: (opts.occurredAt ?? new Date()).toISOString(), payload };
}

/**
 * Writes an event into the outbox with the caller's transaction client. The row commits or rolls back with
 * the caller's state change: the event exists if and only if the change committed. Row-level security only
 * lets the transaction's own organization be written.
 */
export async function writeOutboxEvent(tx: OutboxTx, event: IntegrationEvent): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO pf_outbox_events (organization_id, id, event_type, payload, occurred_at)
    VALUES (${event.organizationId}::uuid, ${event.id}::uuid, ${event.type}, ${JSON.stringify(event.payload)}::jsonb, ${event.occurredAt}::timestamptz)`;
}

/**
 * The one way to publish an integration event (ARCHITECTURE §3.2). `publish` joins the transaction that
 * `TransactionHost.withTransaction` opened for the state change (request handlers, consumers);
 * `publishIn` takes an explicit transaction client (`withTenant`, tools). Neither opens a transaction of its
 * own: publishing outside one is an error, not a silently separate commit.
 */
@Injectable()
export class OutboxPublisher {
  constructor(private readonly txHost: TransactionHost<TenantTx>) {}

  async publish<T extends EventType>(
    type: T,
    organizationId: string,
    payload: EventPayloads[T],
    opts?: PublishOptions,
  ): Promise<IntegrationEvent<T>> {
    if (!this.txHost.isTransactionActive()) {
      throw new OutboxPublishError(
        'OutboxPublisher.publish must run inside the transaction of the state change (TransactionHost.withTransaction)',
      );
    }
    return this.publishIn(this.txHost.tx, type, organizationId, payload, opts);
  }

  async publishIn<T extends EventType>(
    tx: OutboxTx,
    type: T,
    organizationId: string,
    payload: EventPayloads[T],
    opts?: PublishOptions,
  ): Promise<IntegrationEvent<T>> {
    const event = buildEvent(type, organizationId, payload, opts);
    await writeOutboxEvent(tx, event);
    return event;
  }
}
