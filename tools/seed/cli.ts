import { seedDemoData, SeedScale } from './seed-demo-data';

/** npm run seed -- --scale small|medium|large [--seed N] */
function parse(argv: string[]): { scale: SeedScale; seed: number } {
  let scale: SeedScale = 'small';
  let seed = 1;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--scale') {
      if (value !== 'small' && value !== 'medium' && value !== 'large') fail(`--scale must be small, medium or large (got ${value ?? 'nothing'})`);
      scale = value as SeedScale;
      i++;
    } else if (arg === '--seed') {
      if (!value || !/^\d{1,9}$/.test(value) || Number(value) < 1) fail(`--seed must be a positive whole number (got ${value ?? 'nothing'})`);
      seed = Number(value);
      i++;
    } else {
      fail(`unknown argument ${arg}`);
    }
  }
  return { scale, seed };
}

function fail(message: string): never {
  console.error(`seed: ${message}\nUsage: npm run seed -- --scale small|medium|large [--seed N]`);
  process.exit(2);
}

function ownerUrl(): string {
  const explicit = process.env['DATABASE_OWNER_URL'];
  if (explicit) return explicit;
  const base = process.env['DATABASE_URL'];
  if (!base) fail('set DATABASE_OWNER_URL (or DATABASE_URL) to the database to seed');
  const u = new URL(base);
  u.username = 'cairn_owner';
  u.password = 'cairn_owner';
  return u.toString();
}

const { scale, seed } = parse(process.argv.slice(2));
const started = Date.now();
seedDemoData({ ownerUrl: ownerUrl(), scale, seed, onProgress: (m) => console.log(`  ${m}`) }).then(
  (s) => {
    console.log(`Demo data (${scale}, seed ${seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s: ${s.organizations} organizations, ${s.sites} sites, ${s.staff} staff, ${s.roleBindings} role bindings, ${s.patients} patients, ${s.careTeamAssignments} care-team assignments.`);
    process.exit(0);
  },
  (e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
