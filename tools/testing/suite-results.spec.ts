import { browserSuiteResult, jestSuiteResult, summaryLines } from './suite-results';

describe('jestSuiteResult', () => {
  it("counts Jest's passed and failed tests", () => {
    expect(jestSuiteResult(1, JSON.stringify({ numPassedTests: 40, numFailedTests: 2, numRuntimeErrorTestSuites: 0 }))).toEqual({
      name: 'jest',
      passed: 40,
      failed: 2,
      note: undefined,
    });
  });

  it('counts each test file that failed to run as a failure', () => {
    expect(jestSuiteResult(1, JSON.stringify({ numPassedTests: 3, numFailedTests: 0, numRuntimeErrorTestSuites: 2 }))).toMatchObject({
      passed: 3,
      failed: 2,
      note: '2 test file(s) failed to run',
    });
  });

  it('counts a failed run without a report as one failure', () => {
    expect(jestSuiteResult(1, undefined)).toEqual({ name: 'jest', passed: 0, failed: 1, note: 'jest exited with code 1 without a report' });
  });

  it('names the tool that ran, and says when it was stopped at its time bound', () => {
    expect(jestSuiteResult(143, undefined, 'vitest')).toMatchObject({
      failed: 1,
      note: 'vitest was stopped (SIGTERM: its time bound ran out) without a report',
    });
  });

  it('counts an unreadable report as one failure', () => {
    expect(jestSuiteResult(0, '{not json')).toMatchObject({ passed: 0, failed: 1 });
  });

  it('counts a non-zero exit with no failing test as one failure', () => {
    expect(jestSuiteResult(1, JSON.stringify({ numPassedTests: 5, numFailedTests: 0, numRuntimeErrorTestSuites: 0 }))).toMatchObject({
      passed: 5,
      failed: 1,
      note: 'jest exited with code 1',
    });
  });
});

describe('summaryLines', () => {
  it('ends with exactly "N passed, N failed" over all suites', () => {
    const lines = summaryLines(
      [
        { name: 'typecheck', passed: 1, failed: 0 },
        { name: 'lint', passed: 0, failed: 1 },
        { name: 'jest', passed: 120, failed: 3, note: 'x' },
      ],
      61_000,
    );
    expect(lines[lines.length - 1]).toBe('121 passed, 4 failed');
    expect(lines).toContain('  jest        120 passed, 3 failed (x)');
  });
});

describe('browserSuiteResult', () => {
  it('counts the report of the browser tests', () => {
    expect(browserSuiteResult(1, JSON.stringify({ passed: 6, failed: 1, tests: [] }))).toEqual({
      name: 'browser',
      passed: 6,
      failed: 1,
      note: undefined,
    });
  });
  it('counts a run with no report, no tests or an unexplained failure as a failure, never as a skip', () => {
    expect(browserSuiteResult(1, undefined)).toMatchObject({ passed: 0, failed: 1 });
    expect(browserSuiteResult(0, JSON.stringify({ passed: 0, failed: 0 }))).toEqual({
      name: 'browser',
      passed: 0,
      failed: 1,
      note: 'no browser test ran',
    });
    expect(browserSuiteResult(1, JSON.stringify({ passed: 7, failed: 0 }))).toMatchObject({ passed: 7, failed: 1 });
    expect(browserSuiteResult(0, 'not json')).toMatchObject({ passed: 0, failed: 1 });
  });
});
