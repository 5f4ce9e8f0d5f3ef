import { generatePortalCare, pgTextArray } from './demo-portal-care';

const clients = [
  { organizationId: 'o1', patientId: '00000000-0000-4000-8000-000000000001', accountId: 'a1', therapistId: 't1' },
  { organizationId: 'o1', patientId: '00000000-0000-4000-8000-000000000002', accountId: 'a2', therapistId: 't1' },
];
const DAY = 24 * 60 * 60 * 1000;

describe('demo portal care data', () => {
  const care = generatePortalCare(clients);

  it('gives every client homework in every state, goals with history, resources and a toolkit', () => {
    for (const c of clients) {
      const mine = care.homework.filter((h) => h['patient_id'] === c.patientId).map((h) => h['status']);
      expect(mine.sort()).toEqual(['assigned', 'cancelled', 'completed', 'reviewed']);
      expect(care.goals.filter((g) => g['patient_id'] === c.patientId)).toHaveLength(2);
      expect(care.resources.filter((r) => r['patient_id'] === c.patientId)).toHaveLength(2);
      expect(care.toolkits.filter((t) => t['patient_id'] === c.patientId)).toHaveLength(1);
    }
  });

  it("keeps each goal's status and progress equal to its latest history entry", () => {
    for (const g of care.goals) {
      const history = care.goalProgress.filter((p) => p['goal_id'] === g['id']);
      const last = history.reduce((a, b) => (String(a['created_at']) > String(b['created_at']) ? a : b));
      expect([g['progress'], g['status']]).toEqual([last['progress'], last['status']]);
    }
  });

  it('has one crisis-alert episode that follows the rule: raised by the third open within 7 days, with one notification', () => {
    expect(care.alerts).toHaveLength(1);
    const alert = care.alerts[0]!;
    const opens = care.toolkitOpens
      .filter((o) => o['alert_id'] === alert['id'])
      .map((o) => Date.parse(String(o['opened_at'])))
      .sort();
    expect(opens).toHaveLength(alert['open_count'] as number);
    expect(new Date(opens[2]!).toISOString()).toBe(new Date(String(alert['raised_at'])).toISOString());
    expect(opens[2]! - opens[0]!).toBeLessThan(7 * DAY);
    // The isolated earlier open is more than 7 days before the episode, so it is not part of it.
    const isolated = care.toolkitOpens.filter((o) => o['alert_id'] === null).map((o) => Date.parse(String(o['opened_at'])));
    expect(isolated.every((t) => opens[0]! - t > 7 * DAY)).toBe(true);
    expect(care.notifications.filter((n) => n['kind'] === 'crisis_toolkit.alert')).toHaveLength(1);
  });

  it('is deterministic (the same ids on every run) and notifies each completed homework once', () => {
    expect(generatePortalCare(clients)).toEqual(care);
    const completed = care.homework.filter((h) => h['completed_at'] !== null).map((h) => h['id']);
    expect(care.notifications.filter((n) => n['kind'] === 'homework.completed').map((n) => n['record_id'])).toEqual(completed);
  });

  it('writes PostgreSQL text arrays with quotes and backslashes escaped', () => {
    expect(pgTextArray(['a "b"', 'c\\d', 'e, f'])).toBe('{"a \\"b\\"","c\\\\d","e, f"}');
  });
});
