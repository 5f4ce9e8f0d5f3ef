import { DEMO_LOGINS, formatReport, FuzzReport, FuzzTarget, runFuzz, startFuzzTarget } from './fuzz-run';

/**
 * The fuzz suite of every route: each operation of the OpenAPI document the app serves, as every
 * demo login and anonymously, twice, with hostile input generated from a fixed seed, against the real API on a
 * scratch database of its own (so its writes and the write check do not meet other test files). No answer is a
 * 5xx, every error is problem+json, and no refused request writes anything but the audit trail. A failure prints
 * the figures, each distinct failure and the command that replays the run (`npm run fuzz -- --requests N --seed S`).
 */
const SEED = 20261205;

let target: FuzzTarget;
let report: FuzzReport;

beforeAll(async () => {
  target = await startFuzzTarget();
  report = await runFuzz(target, { seed: SEED, requests: { rounds: 2 } });
}, 600_000);
afterAll(() => target?.close());

describe('fuzz: every route, every demo login and anonymous', () => {
  it('sends every operation with every caller', () => {
    expect(report.operations).toBeGreaterThan(60);
    expect(report.requests).toBe(report.operations * (DEMO_LOGINS.length + 1) * 2);
    // Handlers are reached, not only the guards and the validation: most operations answer 2xx at least once.
    expect(report.operationsWithSuccess).toBeGreaterThan(report.operations / 3);
  });

  it('answers no 5xx, only problem+json errors, and refused requests write nothing but audit rows', () => {
    const replay = `replay: npm run fuzz -- --requests ${report.requests} --seed ${SEED}`;
    expect(report.findings.length === 0 ? 'no failures' : `${formatReport(report)}\n${replay}`).toBe('no failures');
  });
});
