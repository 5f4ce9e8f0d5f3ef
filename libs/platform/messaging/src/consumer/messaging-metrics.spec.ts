import { CL_GROUP_SESSION_DOCUMENTED_V1, PEER_ENCOUNTER_FINALIZED_V1 } from '@cairn/platform/clinical';

import { queuesFor } from '../job-map';
import { summarizeOutbox } from './messaging-metrics';

const AWAITING = 'pm_appointment_reminder_sent.v1';

describe('summarizeOutbox', () => {
  it('reports lag and unsent over the types a queue takes, and events without a consumer apart, by type', () => {
    // An event published before its first consumer exists (EVENTS_WITHOUT_CONSUMER): no queue takes it.
    expect(queuesFor(AWAITING)).toEqual([]);
    const summary = summarizeOutbox([
      { type: AWAITING, unsent: 900, oldestAgeSeconds: 86_400 * 30 },
      { type: 'retired_event.v0', unsent: 2, oldestAgeSeconds: 86_400 * 400 },
      { type: CL_GROUP_SESSION_DOCUMENTED_V1, unsent: 3, oldestAgeSeconds: 12 },
      { type: PEER_ENCOUNTER_FINALIZED_V1, unsent: 1, oldestAgeSeconds: 40 },
    ]);
    expect(summary.unsent).toBe(4);
    expect(summary.lagSeconds).toBe(40);
    expect([...summary.waiting]).toEqual([
      [AWAITING, 900],
      ['retired_event.v0', 2],
    ]);
  });

  it('reports no lag when only events without a consumer are unsent', () => {
    expect(summarizeOutbox([{ type: AWAITING, unsent: 5, oldestAgeSeconds: 7200 }])).toEqual({
      unsent: 0,
      lagSeconds: 0,
      waiting: new Map([[AWAITING, 5]]),
    });
  });
});
