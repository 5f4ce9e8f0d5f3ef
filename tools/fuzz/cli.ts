import { parseArgs } from 'node:util';

import { adminUrlFromEnv } from '../testing/test-env';
import { formatReport, runFuzz, startFuzzTarget } from './fuzz-run';

/**
 * `npm run fuzz -- --requests N [--seed S] [--only 'POST /api/v1/groups']`: N hostile requests generated from the
 * API's OpenAPI document, over every operation and every demo login plus anonymous, against the real API on a
 * scratch database of its own (migrated, demo data at scale small, dropped at the end) on the server of
 * TEST_DATABASE_ADMIN_URL / DATABASE_URL (default postgres@127.0.0.1:5432), Redis at REDIS_URL. Prints the
 * figures and each distinct failure; exits 1 when there is any (5xx, error that is not problem+json, 4xx that
 * wrote, cut-off answer). The same seed and count replay the same requests.
 */
const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '2000' },
    seed: { type: 'string' },
    only: { type: 'string' },
  },
});

async function main(): Promise<number> {
  const requests = Number(args.requests);
  const seed = args.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(args.seed);
  if (!Number.isInteger(requests) || requests < 1) throw new Error('--requests must be a positive whole number');
  if (!Number.isInteger(seed)) throw new Error('--seed must be a whole number');
  console.log(`fuzz: seed ${seed}, ${requests} requests; setting up (scratch database, demo data, API)...`);
  const target = await startFuzzTarget({ serverAdminUrl: adminUrlFromEnv() });
  try {
    const report = await runFuzz(target, {
      seed,
      requests,
      only: args.only,
      onProgress: (sent, r) =>
        console.log(
          `fuzz: ${sent}/${requests} sent, ${r.serverErrors} 5xx, ${r.notProblemJson} not problem+json, ${r.partialWrites} partial writes`,
        ),
    });
    console.log(formatReport(report, true));
    console.log(`replay: npm run fuzz -- --requests ${requests} --seed ${seed}${args.only ? ` --only '${args.only}'` : ''}`);
    return report.findings.length ? 1 : 0;
  } finally {
    await target.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(2);
  },
);
