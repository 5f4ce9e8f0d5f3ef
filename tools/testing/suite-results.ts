export interface SuiteResult {
  name: string;
  passed: number;
  failed: number;
  note?: string;
}

interface JestJsonReport {
  numPassedTests?: number;
  numFailedTests?: number;
  numRuntimeErrorTestSuites?: number;
  success?: boolean;
}

/**
 * Counts Jest's `--json` report (Vitest writes the same shape): its passed and failed tests, plus one failure per test file that failed to
 * run (a syntax error, a throwing global setup) and one when Jest failed without saying why in the report.
 */
export function jestSuiteResult(exitCode: number, reportJson: string | undefined, tool: 'jest' | 'vitest' = 'jest'): SuiteResult {
  if (reportJson === undefined) {
    const how = exitCode === 143 ? 'was stopped (SIGTERM: its time bound ran out)' : `exited with code ${exitCode}`;
    return { name: 'jest', passed: 0, failed: 1, note: `${tool} ${how} without a report` };
  }
  let r: JestJsonReport;
  try {
    r = JSON.parse(reportJson) as JestJsonReport;
  } catch {
    return { name: 'jest', passed: 0, failed: 1, note: 'jest wrote a report that is not JSON' };
  }
  const passed = r.numPassedTests ?? 0;
  const runtimeErrors = r.numRuntimeErrorTestSuites ?? 0;
  let failed = (r.numFailedTests ?? 0) + runtimeErrors;
  const notes: string[] = [];
  if (runtimeErrors > 0) notes.push(`${runtimeErrors} test file(s) failed to run`);
  if (exitCode !== 0 && failed === 0) {
    failed = 1;
    notes.push(`${tool} exited with code ${exitCode}`);
  }
  return { name: 'jest', passed, failed, note: notes.length ? notes.join('; ') : undefined };
}

/** Counts the browser tests' report ({ passed, failed }); a missing or empty report is one failure, never zero tests. */
export function browserSuiteResult(exitCode: number, reportJson: string | undefined): SuiteResult {
  if (reportJson === undefined)
    return { name: 'browser', passed: 0, failed: 1, note: `the browser tests exited with code ${exitCode} without a report` };
  let r: { passed?: unknown; failed?: unknown };
  try {
    r = JSON.parse(reportJson) as { passed?: unknown; failed?: unknown };
  } catch {
    return { name: 'browser', passed: 0, failed: 1, note: 'the browser tests wrote a report that is not JSON' };
  }
  const passed = typeof r.passed === 'number' ? r.passed : 0;
  let failed = typeof r.failed === 'number' ? r.failed : 0;
  let note: string | undefined;
  if ((exitCode !== 0 || passed === 0) && failed === 0) {
    failed = 1;
    note = exitCode !== 0 ? `the browser tests exited with code ${exitCode}` : 'no browser test ran';
  }
  return { name: 'browser', passed, failed, note };
}

/** The per-suite summary, ending with the one line CI reads: `N passed, N failed`. */
export function summaryLines(results: readonly SuiteResult[], elapsedMs: number): string[] {
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  return [
    '',
    '[test] summary',
    ...results.map((r) => `  ${r.name.padEnd(12)}${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ''}`),
    `  took ${Math.round(elapsedMs / 1000)} s`,
    `${passed} passed, ${failed} failed`,
  ];
}
