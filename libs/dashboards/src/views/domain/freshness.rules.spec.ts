import { feedState, freshnessLabel, type SourceStatusRow } from './freshness.rules';

const NOW = new Date('2026-12-05T14:30:00Z');
const row = (over: Partial<SourceStatusRow>): SourceStatusRow => ({
  source: 'pm.appointments',
  status: 'ok',
  lastSuccessAt: new Date('2026-12-05T14:29:00Z'),
  lastFailureAt: null,
  failingSince: null,
  lastError: null,
  expectedIntervalSeconds: 300,
  ...over,
});

describe('freshness labels', () => {
  it('real-time with an ok feed is "Live"; stale real-time never says Live', () => {
    expect(freshnessLabel('real-time', new Date('2026-12-05T14:29:50Z'), 'ok', NOW, 'UTC')).toBe('Live');
    expect(freshnessLabel('real-time', new Date('2026-12-05T14:10:00Z'), 'failing', NOW, 'UTC')).toBe('Updated 20 min ago');
  });

  it('near-real-time says how long ago', () => {
    expect(freshnessLabel('near-real-time', new Date('2026-12-05T14:28:00Z'), 'ok', NOW, 'UTC')).toBe('Updated 2 min ago');
    expect(freshnessLabel('near-real-time', new Date('2026-12-05T14:29:40Z'), 'ok', NOW, 'UTC')).toBe('Updated just now');
    expect(freshnessLabel('near-real-time', new Date('2026-12-05T11:00:00Z'), 'ok', NOW, 'UTC')).toBe('Updated 3 h ago');
  });

  it('batch says "As of HH:MM today/yesterday/on date" in the organization time zone', () => {
    expect(freshnessLabel('batch', new Date('2026-12-05T09:00:00Z'), 'ok', NOW, 'America/Phoenix')).toBe('As of 02:00 today');
    expect(freshnessLabel('batch', new Date('2026-12-04T09:00:00Z'), 'ok', NOW, 'America/Phoenix')).toBe('As of 02:00 yesterday');
    expect(freshnessLabel('batch', new Date('2026-12-01T09:00:00Z'), 'ok', NOW, 'America/Phoenix')).toBe('As of 02:00 on 2026-12-01');
  });

  it('no value yet, and a feed nobody connected', () => {
    expect(freshnessLabel('batch', null, 'never-computed', NOW, 'UTC')).toBe('Not yet computed');
    expect(freshnessLabel('near-real-time', null, 'not-connected', NOW, 'UTC')).toBe('Feed not connected');
  });
});

describe('feed state', () => {
  it('ok within the expected interval', () => {
    expect(feedState(row({}), NOW)).toEqual({ state: 'ok', stale: null });
  });

  it('failing since the first failure, with its error', () => {
    const since = new Date('2026-12-05T13:00:00Z');
    expect(feedState(row({ status: 'failing', failingSince: since, lastError: 'boom' }), NOW)).toEqual({
      state: 'failing',
      stale: { since: since.toISOString(), reason: 'source failing: boom' },
    });
  });

  it('silent when the last success is older than the expected interval (since = when it became due)', () => {
    const r = feedState(row({ lastSuccessAt: new Date('2026-12-05T14:00:00Z') }), NOW);
    expect(r.state).toBe('silent');
    expect(r.stale?.since).toBe('2026-12-05T14:05:00.000Z');
  });

  it('never computed, and not connected', () => {
    expect(feedState(undefined, NOW).state).toBe('never-computed');
    expect(feedState(undefined, NOW, false).state).toBe('not-connected');
  });
});
