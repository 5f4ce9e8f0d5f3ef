import { Pool } from 'pg';

import { waitUntil } from '../dev/probes';
import { DEMO_ORGS, DEMO_PASSWORD } from './demo-catalogue';

/** Who reviews each organization's demo group encounters (supervisors: view, approve and edit). */
const REVIEWERS: Record<string, string> = {
  [DEMO_ORGS.sonoran.id]: 'supervisor@sonoran.cairn.test',
  [DEMO_ORGS.cascade.id]: 'supervisor@cascade.cairn.test',
};

export const DEMO_REJECTION_REASON = 'Attendee left before the group began; not a billable service';

export interface DemoReviewSummary {
  sessions: number;
  approved: number;
  rejected: number;
  /** Approvals the API refused per item (consent required, not billable): they stay pending, as in real life. */
  refused: number;
}

export interface Generation {
  id: string;
  status: string;
  billable: boolean;
  /** Null when the row is withheld from the reviewer (Part 2 without consent). */
  patientId: string | null;
  flags: { consentRequired: boolean };
}

/**
 * The attendee the demo rejects in a session: the billable one the reviewer may see (not withheld for Part 2),
 * first by patient id; generation ids are random, patient ids are the seed's, so every run rejects the same one.
 */
export function rejectionTarget(pending: readonly Generation[]): Generation | undefined {
  return pending
    .filter((g) => g.billable && !g.flags.consentRequired && g.patientId !== null)
    .sort((a, b) => a.patientId!.localeCompare(b.patientId!))[0];
}

/** True while no demo group encounter has been reviewed yet: `npm start` then (re)runs the review. */
export async function demoReviewPending(ownerUrl: string): Promise<boolean> {
  const owner = new Pool({ connectionString: ownerUrl, max: 1 });
  try {
    const { rows } = await owner.query<{ documented: boolean; reviewed: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM cl_group_sessions WHERE status = 'documented' AND organization_id = ANY ($1::uuid[])) AS documented,
              EXISTS (SELECT 1 FROM cl_group_encounter_generations WHERE status IN ('approved', 'rejected') AND organization_id = ANY ($1::uuid[])) AS reviewed`,
      [Object.keys(REVIEWERS)],
    );
    return rows[0]!.documented && !rows[0]!.reviewed;
  } finally {
    await owner.end();
  }
}

/**
 * The review half of the demo (`npm start` runs it while no demo generation has been reviewed, so a start whose
 * review failed before approving or rejecting anything tries again): the seed documents
 * group sessions and the worker generates their encounters; this signs in as each organization's supervisor and
 * reviews them through the API, so the real pipeline (approval event -> charge-creation consumer -> pm_charges)
 * produces the demo's charges. Of every four documented sessions of a group (by date), the first two are
 * approved, the third has one billable attendee rejected with a reason and the rest approved, and the fourth is
 * left pending; rows the API refuses (Part 2 consent required, below the minimum minutes) stay pending.
 * Deterministic given the demo data. Waits up to `timeoutMs` for the worker to generate every documented session.
 */
export async function runDemoReview(opts: { apiUrl: string; ownerUrl: string; timeoutMs?: number }): Promise<DemoReviewSummary> {
  const owner = new Pool({ connectionString: opts.ownerUrl, max: 1 });
  try {
    const { rows: sessions } = await owner.query<{ organization_id: string; group_id: string; id: string }>(
      `SELECT organization_id, group_id, id FROM cl_group_sessions WHERE status = 'documented' AND organization_id = ANY ($1::uuid[])
       ORDER BY organization_id, group_id, session_date, id`,
      [Object.keys(REVIEWERS)],
    );
    const ids = sessions.map((s) => s.id);
    const generated = async () =>
      (
        await owner.query<{ n: number }>(
          `SELECT count(DISTINCT group_session_id)::int AS n FROM cl_group_encounter_generations WHERE group_session_id = ANY ($1::uuid[])`,
          [ids],
        )
      ).rows[0]!.n;
    await waitUntil(async () => (await generated()) >= ids.length, {
      what: `the worker to generate the ${ids.length} documented demo sessions`,
      timeoutMs: opts.timeoutMs ?? 90_000,
      intervalMs: 250,
    });

    const summary: DemoReviewSummary = { sessions: 0, approved: 0, rejected: 0, refused: 0 };
    const tokens = new Map<string, string>();
    const call = async <T>(org: string, method: string, path: string, body?: unknown): Promise<T> => {
      let token = tokens.get(org);
      if (!token) {
        const email = REVIEWERS[org];
        if (!email) throw new Error(`no demo reviewer for organization ${org}`);
        const login = await fetch(`${opts.apiUrl}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: DEMO_PASSWORD }),
        });
        if (!login.ok) throw new Error(`${email} could not sign in (${login.status})`);
        token = ((await login.json()) as { accessToken: string }).accessToken;
        tokens.set(org, token);
      }
      const res = await fetch(`${opts.apiUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as T;
    };
    const approve = async (org: string, gens: Generation[]) => {
      if (gens.length === 0) return;
      const { results } = await call<{ results: { outcome: string }[] }>(org, 'POST', '/api/v1/group-encounter-generations/approve', {
        ids: gens.map((g) => g.id),
      });
      summary.approved += results.filter((r) => r.outcome === 'approved').length;
      summary.refused += results.filter((r) => r.outcome !== 'approved' && r.outcome !== 'already_approved').length;
    };

    let position = 0;
    let previousGroup = '';
    for (const s of sessions) {
      position = s.group_id === previousGroup ? position + 1 : 0;
      previousGroup = s.group_id;
      const turn = position % 4;
      if (turn === 3) continue;
      const page = await call<{ items: Generation[] }>(
        s.organization_id,
        'GET',
        `/api/v1/group-encounter-generations?sessionId=${s.id}&pageSize=200`,
      );
      const pending = page.items.filter((g) => g.status === 'pending_review');
      summary.sessions += 1;
      if (turn === 2) {
        const reject = rejectionTarget(pending);
        if (reject) {
          const { results } = await call<{ results: { outcome: string }[] }>(
            s.organization_id,
            'POST',
            '/api/v1/group-encounter-generations/reject',
            { ids: [reject.id], reason: DEMO_REJECTION_REASON },
          );
          summary.rejected += results.filter((r) => r.outcome === 'rejected').length;
        }
        await approve(
          s.organization_id,
          pending.filter((g) => g !== reject),
        );
      } else {
        await approve(s.organization_id, pending);
      }
    }
    return summary;
  } finally {
    await owner.end();
  }
}
