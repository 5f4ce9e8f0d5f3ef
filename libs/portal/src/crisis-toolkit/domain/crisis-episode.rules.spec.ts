import { decideCrisisOpen, episodeLive } from './crisis-episode.rules';

const day = 24 * 60 * 60 * 1000;
const now = new Date('2026-12-06T12:00:00Z');
const ago = (days: number) => new Date(now.getTime() - days * day);

describe('crisis episode rules', () => {
  it('raises no alert for the first and second open within 7 days', () => {
    expect(decideCrisisOpen(now, [], null)).toEqual({ kind: 'none' });
    expect(decideCrisisOpen(now, [ago(2)], null)).toEqual({ kind: 'none' });
  });

  it('raises an alert on the third open within 7 days, starting the episode at the first of them', () => {
    expect(decideCrisisOpen(now, [ago(6), ago(1)], null)).toEqual({ kind: 'raise', firstOpenAt: ago(6), openCount: 3 });
  });

  it('does not count opens older than 7 days', () => {
    expect(decideCrisisOpen(now, [ago(7), ago(8), ago(1)], null)).toEqual({ kind: 'none' });
  });

  it('extends a live episode instead of raising a second alert', () => {
    expect(decideCrisisOpen(now, [ago(1), ago(2), ago(3)], { id: 'a1', lastOpenAt: ago(6.9) })).toEqual({ kind: 'extend', alertId: 'a1' });
  });

  it('counts afresh once 7 days passed without an open: two opens are not yet a new episode, three are', () => {
    const ended = { id: 'a1', lastOpenAt: ago(10) };
    expect(episodeLive(ended.lastOpenAt, now)).toBe(false);
    expect(decideCrisisOpen(now, [ago(1)], ended)).toEqual({ kind: 'none' });
    expect(decideCrisisOpen(now, [ago(2), ago(1)], ended)).toEqual({ kind: 'raise', firstOpenAt: ago(2), openCount: 3 });
  });

  it('ends an episode exactly 7 days after its last open', () => {
    expect(episodeLive(ago(7), now)).toBe(false);
    expect(episodeLive(new Date(ago(7).getTime() + 1), now)).toBe(true);
  });
});
