import { AppConfig, loadConfig } from '@cairn/platform/config';

/**
 * This test run's configuration (tools/testing/setup-env.ts points the environment at the run's database, Redis
 * and queue prefix), validated like the apps' own, with overrides; logs silent unless overridden.
 */
export function testConfig(overrides: Record<string, string> = {}): AppConfig {
  return loadConfig({ ...process.env, LOG_LEVEL: 'silent', ...overrides });
}
