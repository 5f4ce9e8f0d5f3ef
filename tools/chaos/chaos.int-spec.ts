import { DEFAULT_CHAOS_OPTIONS, runChaos, summary } from './chaos-run';

// Four app processes, each killed and restarted at least once, on a machine shared with other test runs: the
// limits are generous and nothing here asserts a duration.
jest.setTimeout(20 * 60_000);

/**
 * Issue 22 item 5, the 1,000-attendance version of `npm run chaos`: while 1,000 attendances flow from documented to
 * charged through two API and two worker processes, one API process and one worker process are SIGKILLed (and
 * started again by the run's supervisor), Redis is killed and started again, and PostgreSQL is taken from the apps
 * for 5 s; afterwards exactly one charge per approved attendee, every event processed, the audit chains intact.
 */
it('charges every approved attendee exactly once through process kills, a Redis restart and a PostgreSQL outage', async () => {
  const lines: string[] = [];
  const report = await runChaos({
    ...DEFAULT_CHAOS_OPTIONS,
    attendances: 1000,
    attendees: 10,
    apiKills: 1,
    workerKills: 1,
    seed: 22,
    timeoutMs: 15 * 60_000,
    print: (line) => lines.push(line),
  });
  // The run's account, for the test output (and for whoever reads a failure).
  console.log([...lines, ...summary(report)].join('\n'));

  expect(report.violations).toEqual([]);
  expect(report.faults.map((f) => f.kind).sort()).toEqual(['kill-api', 'kill-worker', 'pause-postgres', 'restart-redis']);
  for (const f of report.faults) expect(f.healthyAfterMs).not.toBeNull();
  expect(report.approvedAttendees).toBe(1000);
  expect(report.charges).toBe(1000);
  expect(report.lost).toBe(0);
  expect(report.doubled).toBe(0);
  expect(report.eventsAppliedTwice).toBe(0);
  expect(report.outboxUnsent).toBe(0);
  expect(report.pipelineEventsUnprocessed).toBe(0);
  expect(report.jobsPending).toBe(0);
  expect(report.jobsFailed).toBe(0);
  expect(report.auditProblems).toEqual([]);
  expect(report.auditEventsChecked).toBeGreaterThan(0);
});
