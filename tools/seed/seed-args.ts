import { SEED_SCALES, SeedScale } from './demo-catalogue';

export const SEED_USAGE =
  'Usage: npm run seed -- [--scale small|medium|large] [--seed N] [--today YYYY-MM-DD]   (defaults: --scale small --seed 1 --today <the real date, UTC>)';

export type SeedArgs =
  { kind: 'run'; scale: SeedScale; seed: number; today?: string } | { kind: 'help' } | { kind: 'error'; message: string };

/**
 * Parses `--scale X --seed N --today YYYY-MM-DD` (also `--scale=X`); anything else is an error the CLI answers with
 * exit code 2. Without --today the demo is anchored on the real date (seedDemoData's default).
 */
export function parseSeedArgs(argv: readonly string[]): SeedArgs {
  let scale: SeedScale = 'small';
  let seed = 1;
  let today: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { kind: 'help' };
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    if (flag !== '--scale' && flag !== '--seed' && flag !== '--today') return { kind: 'error', message: `unknown argument "${arg}"` };
    const value = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') return { kind: 'error', message: `${flag} needs a value` };
    if (flag === '--scale') {
      if (!(SEED_SCALES as readonly string[]).includes(value)) {
        return { kind: 'error', message: `unknown scale "${value}": use ${SEED_SCALES.join(', ')}` };
      }
      scale = value as SeedScale;
    } else if (flag === '--today') {
      if (!isCalendarDate(value)) return { kind: 'error', message: `--today must be a calendar date YYYY-MM-DD (got "${value}")` };
      today = value;
    } else {
      if (!/^\d{1,10}$/.test(value) || Number(value) > 2_147_483_647) {
        return { kind: 'error', message: `--seed must be a whole number from 0 to 2147483647 (got "${value}")` };
      }
      seed = Number(value);
    }
  }
  return { kind: 'run', scale, seed, ...(today ? { today } : {}) };
}

/**
 * A real YYYY-MM-DD calendar date (2026-02-30 is not). The kernel's `isCalendarDate` is the same check; the seed keeps
 * its own because Jest's globalSetup loads it without the `@cairn/*` path mapping.
 */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** DATABASE_OWNER_URL, or DATABASE_URL's server and database with the owner role (as tools/db/cli.ts does). */
export function ownerUrlFromEnv(env: NodeJS.ProcessEnv): string | undefined {
  if (env['DATABASE_OWNER_URL']) return env['DATABASE_OWNER_URL'];
  const base = env['DATABASE_URL'];
  if (!base) return undefined;
  const u = new URL(base);
  u.username = 'cairn_owner';
  u.password = env['CAIRN_OWNER_PASSWORD'] ?? 'cairn_owner';
  return u.toString();
}
