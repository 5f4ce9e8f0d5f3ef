import { DEMO_LOGINS, DEMO_PASSWORD } from './demo-catalogue';
import { ownerUrlFromEnv, parseSeedArgs, SEED_USAGE } from './seed-args';
import { seedDemoData } from './seed-demo-data';

/** npm run seed -- --scale small|medium|large [--seed N] [--today YYYY-MM-DD]: exit 0 done, 1 failed, 2 bad usage. */
async function main(): Promise<number> {
  const args = parseSeedArgs(process.argv.slice(2));
  if (args.kind === 'help') {
    console.log(SEED_USAGE);
    return 0;
  }
  if (args.kind === 'error') {
    console.error(`seed: ${args.message}\n${SEED_USAGE}`);
    return 2;
  }
  const ownerUrl = ownerUrlFromEnv(process.env);
  if (!ownerUrl) {
    console.error('seed: set DATABASE_OWNER_URL (or DATABASE_URL) to the database to seed. `npm start` does this for you.');
    return 2;
  }
  const today = args.today ?? new Date().toISOString().slice(0, 10);
  console.log(`Seeding demo data (scale ${args.scale}, seed ${args.seed}, anchored on ${today})`);
  const s = await seedDemoData({ ownerUrl, scale: args.scale, seed: args.seed, today, onProgress: (m) => console.log(`  ${m}`) });
  const row = (label: string, key: keyof typeof s.inserted) =>
    `  ${label.padEnd(24)}${String(s.inserted[key]).padStart(8)} new${String(s.totals[key]).padStart(9)} in all`;
  console.log(
    [
      `Done in ${(s.elapsedMs / 1000).toFixed(1)} s:`,
      row('organizations', 'organizations'),
      row('sites', 'sites'),
      row('staff users', 'staffUsers'),
      row('role bindings', 'roleBindings'),
      row('patients', 'patients'),
      row('charts', 'charts'),
      row('care-team assignments', 'careTeamAssignments'),
      row('organization codes', 'organizationCodes'),
      row('Part 2 consents', 'part2Consents'),
      row('service types', 'serviceTypes'),
      row('appointments', 'appointments'),
      row('progress notes', 'progressNotes'),
      row('fee schedule entries', 'feeScheduleEntries'),
      row('peer supervision records', 'peerSupervision'),
      `  (${s.totals.part2Charts} Part 2 charts in all)`,
      `Demo logins (password ${DEMO_PASSWORD}):`,
      ...DEMO_LOGINS.map((l) => `  ${l.email.padEnd(32)}${l.role}${l.sites === 'all' ? '' : ` (${l.sites.join(', ')} only)`}`),
    ].join('\n'),
  );
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`seed failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
