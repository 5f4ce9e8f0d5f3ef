import { Client } from 'pg';

export interface ChainReport {
  chainKey: string;
  eventsChecked: number;
  firstBrokenSeq: string | null;
  problem: string | null;
}

/**
 * Verifies every audit chain (one per organization, plus the organization-less one) with the database's own
 * pf_audit_verify_chain, as the owner role. Returns one report per chain.
 */
export async function verifyAuditLog(ownerUrl: string): Promise<ChainReport[]> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ chain_key: string; events_checked: string; first_broken_seq: string | null; problem: string | null }>(
      `SELECT v.* FROM pf_audit_chain_heads h, LATERAL pf_audit_verify_chain(h.chain_key) v ORDER BY h.chain_key`,
    );
    return rows.map((r) => ({ chainKey: r.chain_key, eventsChecked: Number(r.events_checked), firstBrokenSeq: r.first_broken_seq, problem: r.problem }));
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const url = process.env['DATABASE_OWNER_URL'];
  if (!url) {
    console.error('audit:verify needs DATABASE_OWNER_URL (the owner role connection string).');
    process.exit(2);
  }
  const reports = await verifyAuditLog(url);
  let broken = 0;
  for (const r of reports) {
    if (r.firstBrokenSeq === null) {
      console.log(`ok      chain ${r.chainKey}: ${r.eventsChecked} events intact`);
    } else {
      broken++;
      console.log(`BROKEN  chain ${r.chainKey}: first broken link at event ${r.firstBrokenSeq}: ${r.problem}`);
    }
  }
  console.log(reports.length === 0 ? 'No audit events yet.' : `${reports.length} chain(s) checked, ${broken} broken.`);
  process.exit(broken ? 1 : 0);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  });
}
