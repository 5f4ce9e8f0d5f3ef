import autocannon from 'autocannon';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { decodeHist } = require('autocannon/lib/histUtil') as {
  decodeHist: (h: unknown) => { getValueAtPercentile(p: number): number; maxValue: number };
};

interface RawResult {
  latencies: unknown;
  totalCompletedRequests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  start: Date;
  finish: Date;
}

/**
 * `npm run bench:api`: drives an authenticated, RLS-scoped, audited read (GET /api/v1/patients/:id) against a
 * running API (`npm start`) and prints requests/s, latency percentiles and errors.
 * Environment: API_URL (default http://127.0.0.1:3000), BENCH_EMAIL / BENCH_PASSWORD (default the demo
 * supervisor), BENCH_CONNECTIONS (default 16), BENCH_SECONDS (default 15).
 */
const base = process.env['API_URL'] ?? `http://127.0.0.1:${process.env['API_PORT'] ?? '3000'}`;
const email = process.env['BENCH_EMAIL'] ?? 'supervisor@sonoran.cairn.test';
const password = process.env['BENCH_PASSWORD'] ?? 'demo-password-1';
const connections = Number(process.env['BENCH_CONNECTIONS'] ?? 16);
const duration = Number(process.env['BENCH_SECONDS'] ?? 15);

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) throw new Error(`${res.url} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

async function main(): Promise<void> {
  const session = await json<{ accessToken: string }>(
    await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    }),
  );
  const headers = { authorization: `Bearer ${session.accessToken}` };
  const page = await json<{ items: { id: string }[] }>(await fetch(`${base}/api/v1/patients?pageSize=50`, { headers }));
  if (page.items.length === 0) throw new Error(`${email} sees no patients; load the demo data first (npm start does).`);
  const ids = page.items.map((p) => p.id);
  let i = 0;

  console.log(`GET /api/v1/patients/:id as ${email}: ${ids.length} patients, ${connections} connections, ${duration} s (plus 3 s warm-up)`);
  await autocannon({
    url: base,
    connections,
    duration: 3,
    headers,
    requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, path: `/api/v1/patients/${ids[i++ % ids.length]}` }) }],
  });
  // skipAggregateResult keeps the raw HDR histogram, so p95 (which autocannon's summary lacks) can be read.
  const raw = (await autocannon({
    url: base,
    connections,
    duration,
    headers,
    skipAggregateResult: true,
    requests: [{ method: 'GET', setupRequest: (r) => ({ ...r, path: `/api/v1/patients/${ids[i++ % ids.length]}` }) }],
  } as autocannon.Options)) as unknown as RawResult;
  const latencies = decodeHist(raw.latencies);
  const at = (p: number) => latencies.getValueAtPercentile(p);
  const seconds = (raw.finish.getTime() - raw.start.getTime()) / 1000;
  const rps = raw.totalCompletedRequests / seconds;
  const errors = raw.errors + raw.timeouts + raw.non2xx;
  console.log(`requests/s  ${rps.toFixed(0)}`);
  console.log(`latency ms  p50 ${at(50)}  p95 ${at(95)}  p99 ${at(99)}  max ${latencies.maxValue}`);
  console.log(
    `requests    ${raw.totalCompletedRequests} completed, errors ${errors} (non-2xx ${raw.non2xx}, socket ${raw.errors}, timeouts ${raw.timeouts})`,
  );
  const ok = rps >= 1000 && at(95) <= 20 && errors === 0;
  console.log(`target      >= 1000 req/s at p95 <= 20 ms with 0 errors: ${ok ? 'met' : 'NOT met'}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
