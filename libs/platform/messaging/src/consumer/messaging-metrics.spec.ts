import { CL_GROUP_SESSION_DOCUMENTED_V1, PEER_ENCOUNTER_FINALIZED_V1 } from '@cairn/platform/clinical';
import { PM_APPOINTMENT_STATUS_CHANGED_V1 } from '@cairn/platform/scheduling';

import { EVENTS_WITHOUT_CONSUMER } from '../job-map';
import { summarizeOutbox } from './messaging-metrics';

describe('summarizeOutbox', () => {
  it('reports lag and unsent over the types a queue takes, and events without a consumer apart, by type', () => {
    expect(EVENTS_WITHOUT_CONSUMER).toContain(PM_APPOINTMENT_STATUS_CHANGED_V1);
    const summary = summarizeOutbox([
      { type: PM_APPOINTMENT_STATUS_CHANGED_V1, unsent: 900, oldestAgeSeconds: 86_400 * 30 },
      { type: 'retired_event.v0', unsent: 2, oldestAgeSeconds: 86_400 * 400 },
      { type: CL_GROUP_SESSION_DOCUMENTED_V1, unsent: 3, oldestAgeSeconds: 12 },
      { type: PEER_ENCOUNTER_FINALIZED_V1, unsent: 1, oldestAgeSeconds: 40 },
    ]);
    expect(summary.unsent).toBe(4);
    expect(summary.lagSeconds).toBe(40);
    expect([...summary.waiting]).toEqual([
      [PM_APPOINTMENT_STATUS_CHANGED_V1, 900],
      ['retired_event.v0', 2],
    ]);
  });

  it('reports no lag when only events without a consumer are unsent', () => {
    expect(summarizeOutbox([{ type: PM_APPOINTMENT_STATUS_CHANGED_V1, unsent: 5, oldestAgeSeconds: 7200 }])).toEqual({
      unsent: 0,
      lagSeconds: 0,
      waiting: new Map([[PM_APPOINTMENT_STATUS_CHANGED_V1, 5]]),
    });
  });
});
