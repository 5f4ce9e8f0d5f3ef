import { SIGNAL_METRICS } from '@cairn/platform/performance-signals';

import { EVENT_TYPES } from './event-types';
import { EVENTS_WITHOUT_CONSUMER, isQueueName, JOB_MAP, QUEUE_NAMES, queuesFor, SCHEDULED_QUEUE_NAMES } from './job-map';
import { buildEvent, OutboxPublishError } from './outbox/outbox-publisher';

describe('the job map', () => {
  it('routes each seed event to the queue the design names', () => {
    expect(queuesFor('cl_group_session_documented.v1')).toEqual(['encounter-generation', 'dashboards-metrics']);
    expect(queuesFor('cl_group_encounters_approved.v1')).toEqual(['charge-creation', 'dashboards-metrics']);
    expect(queuesFor('peer_encounter_finalized.v1')).toEqual(['charge-creation', 'dashboards-metrics']);
    // dashboards' real-time metrics (ADR 0017), the portal's session-review prompts (issue 19)
    expect(queuesFor('pm_appointment_status_changed.v1')).toEqual(['dashboards-metrics', 'portal-session-reviews']);
    expect(queuesFor('cl_group_session_documented')).toEqual([]); // unversioned names are not events
  });

  it('gives every event type a queue, or lists it as awaiting its first consumer, never both; versioned, literal names only', () => {
    const waiting: readonly string[] = EVENTS_WITHOUT_CONSUMER;
    for (const type of EVENT_TYPES) {
      expect(type).toMatch(/^[a-z_]+\.v\d+$/);
      expect({ type, routed: queuesFor(type).length > 0 }).toEqual({ type, routed: !waiting.includes(type) });
    }
    for (const type of waiting) expect(EVENT_TYPES).toContain(type);
    expect(QUEUE_NAMES).not.toContain('appointment-status');
    expect(QUEUE_NAMES).toEqual(Object.keys(JOB_MAP));
    expect(isQueueName('charge-creation')).toBe(true);
    expect(isQueueName('charges')).toBe(false);
  });

  it('keeps scheduled queues apart from the event queues (the relay and the failed-events API never see them)', () => {
    expect(SCHEDULED_QUEUE_NAMES).toEqual(['audit-checkpoint', 'dashboards-refresh', 'portal-session-review-prompts']);
    for (const q of SCHEDULED_QUEUE_NAMES) expect(isQueueName(q)).toBe(false);
  });

  it('routes every event a performance signal names (SIGNAL_METRICS[].events) that is published today to the dashboards queue', () => {
    const named = new Set(SIGNAL_METRICS.flatMap((m) => m.events));
    for (const type of EVENT_TYPES)
      expect({ type, routed: queuesFor(type).includes('dashboards-metrics') }).toEqual({ type, routed: named.has(type) });
  });
});

describe('buildEvent', () => {
  const org = '6f1c1a52-0000-4000-8000-000000000001';
  const payload = {
    organization_id: org,
    peer_encounter_id: 'p',
    chart_id: 'c',
    encounter_id: null,
    peer_provider_id: 'u',
    service_date: '2026-11-24',
    hcpcs_code: 'H0038',
    duration_minutes: 30,
  };

  it('wraps the payload in an envelope with a fresh id and the time it happened', () => {
    const e = buildEvent('peer_encounter_finalized.v1', org, payload, { occurredAt: new Date('2026-11-24T10:00:00Z') });
    expect(e).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'peer_encounter_finalized.v1',
      organizationId: org,
      occurredAt: '2026-11-24T10:00:00.000Z',
      payload,
    });
    expect(buildEvent('peer_encounter_finalized.v1', org, payload).id).not.toBe(e.id);
  });

  it('refuses an unknown type and a payload of another organization', () => {
    expect(() => buildEvent('peer_encounter_finalized' as 'peer_encounter_finalized.v1', org, payload)).toThrow(OutboxPublishError);
    expect(() => buildEvent('peer_encounter_finalized.v1', '6f1c1a52-0000-4000-8000-000000000002', payload)).toThrow(
      /payload names organization/,
    );
  });
});
