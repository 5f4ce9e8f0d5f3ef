import type { CommandBus } from '@nestjs/cqrs';

import type { IntegrationEvent } from '@cairn/platform/messaging';
import { SIGNAL_EVENT_TYPES } from '@cairn/platform/performance-signals';

import type { DsTx } from '../../dashboards.tx';
import type { RecomputeMetricsCommand, RecomputeResult } from '../../metric-store/commands/recompute-metrics/recompute-metrics.command';
import { sourcesForEvent } from '../domain/affected-days.rules';
import { RecomputeWhenSignalEventHandler } from './recompute-when-signal-event.handler';

// A group commit hands several events of one organization to one transaction: one recomputation of a source's day
// serves them all within that transaction, and never across transactions.
const ORG = '00000000-0000-4000-8000-000000000001';
const TYPE = SIGNAL_EVENT_TYPES.appointmentStatusChanged;

function setup(failing: string[] = []) {
  const sent: RecomputeMetricsCommand[] = [];
  const commands = {
    execute: async (c: RecomputeMetricsCommand): Promise<RecomputeResult> => {
      sent.push(c);
      return {
        organizationId: c.organizationId,
        from: c.from,
        to: c.to,
        computedAt: `computed-${sent.length}`,
        results: c.sources.map((source) => ({
          source,
          status: failing.includes(source) ? 'failing' : 'ok',
          buckets: 1,
          error: null,
        })),
      };
    },
  } as unknown as CommandBus;
  const handler = new RecomputeWhenSignalEventHandler(commands);
  const tx = () => ({ organization: { findUnique: async () => ({ timezone: 'America/Phoenix' }) } }) as unknown as DsTx;
  return { sent, handler, tx };
}

const event = (occurredAt: string, startAt?: string): IntegrationEvent =>
  ({
    id: `e-${occurredAt}-${startAt}`,
    type: TYPE,
    organizationId: ORG,
    occurredAt,
    payload: startAt ? { start_at: startAt } : {},
  }) as never;

describe('RecomputeWhenSignalEventHandler', () => {
  const sources = sourcesForEvent(TYPE);

  it('recomputes a day once for all the events of one transaction, and each event still announces its change', async () => {
    const { sent, handler, tx } = setup();
    const t = tx();
    const a = await handler.handle(event('2026-12-04T18:00:00Z'), t);
    const b = await handler.handle(event('2026-12-04T19:00:00Z'), t);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ sources, from: '2026-12-04', to: '2026-12-04' });
    for (const change of [a, b]) {
      expect(change).toMatchObject({ days: ['2026-12-04'], sources, computedAt: 'computed-1' });
      expect(Object.values(change!.status)).toEqual(sources.map(() => 'ok'));
    }
  });

  it('recomputes again in another transaction', async () => {
    const { sent, handler, tx } = setup();
    await handler.handle(event('2026-12-04T18:00:00Z'), tx());
    await handler.handle(event('2026-12-04T18:00:00Z'), tx());
    expect(sent).toHaveLength(2);
  });

  it('recomputes only the days the transaction has not recomputed yet, and keeps a failing source failing', async () => {
    const { sent, handler, tx } = setup([sources[0]!]);
    const t = tx();
    await handler.handle(event('2026-12-04T18:00:00Z'), t);
    const change = await handler.handle(event('2026-12-04T18:30:00Z', '2026-12-09T17:00:00Z'), t);
    expect(sent.map((c) => [c.from, c.to])).toEqual([
      ['2026-12-04', '2026-12-04'],
      ['2026-12-09', '2026-12-09'],
    ]);
    expect(change).toMatchObject({ days: ['2026-12-04', '2026-12-09'] });
    expect(change!.status[sources[0]!]).toBe('failing');
  });
});
