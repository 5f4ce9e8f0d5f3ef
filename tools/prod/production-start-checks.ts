import { ConfigError, loadConfig } from '@cairn/platform/config';

import { MigrateSettingsError, readMigrateSettings } from '../db/migrate-command';

/** Every problem of the environment for a production start, without duplicates (both checks read DATABASE_URL). */
export function productionStartProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  if (env['NODE_ENV'] && env['NODE_ENV'] !== 'production')
    problems.push(`NODE_ENV: is "${env['NODE_ENV']}"; npm run start:prod runs with NODE_ENV=production (unset it or set production)`);
  const prod = { ...env, NODE_ENV: 'production' };
  try {
    loadConfig(prod);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    problems.push(...e.problems);
  }
  if (env['CAIRN_MIGRATE_ON_START'] !== 'false') {
    try {
      readMigrateSettings(prod);
    } catch (e) {
      if (!(e instanceof MigrateSettingsError)) throw e;
      problems.push(...e.problems);
    }
  }
  return [...new Set(problems)];
}
