import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';

import { queryAsTenant, TenantContext } from '@cairn/platform/db';

/**
 * The session-review rules that protect the client, tried against row-level security, the grants, the guard trigger
 * and the oversight view themselves (raw SQL as the app role, no handler), on a demo client, its current primary
 * therapist and its organization's admin:
 * - an anonymous review is never the therapist's, even when "shared"; admins read it without the client;
 * - nobody but the system makes a prompt, and only once per appointment;
 * - a review is answered once, by its client only.
 */
const owner = new Pool({ connectionString: process.env['DATABASE_OWNER_URL'], max: 2 });
const app = new Pool({ connectionString: process.env['DATABASE_URL'], max: 2 });

let org: string;
/** Every review this file made (on a demo client): removed afterwards, so the shared database is as seeded. */
const made: string[] = [];
let patient: string;
const ctx = {} as Record<'client' | 'therapist' | 'admin' | 'system', TenantContext>;

async function review(values: { shared: boolean; anonymous: boolean; status?: 'pending' | 'submitted' }): Promise<string> {
  const id = randomUUID();
  const submitted = (values.status ?? 'submitted') === 'submitted';
  await owner.query(
    `INSERT INTO po_session_reviews (organization_id, id, patient_id, appointment_id, clinician_id, appointment_start_at, status, rating,
                                     submitted_at, shared_with_clinician, anonymous)
     VALUES ($1, $2, $3, gen_random_uuid(), $4, now() - interval '2 days', $5, $6, $7, $8, $9)`,
    [
      org,
      id,
      patient,
      ctx.therapist.userId,
      submitted ? 'submitted' : 'pending',
      submitted ? 2 : null,
      submitted ? new Date() : null,
      values.shared,
      values.anonymous,
    ],
  );
  made.push(id);
  return id;
}

const ids = async (who: keyof typeof ctx, sql = 'SELECT id FROM po_session_reviews') =>
  (await queryAsTenant<{ id: string }>(app, ctx[who], sql)).map((r) => r.id);

beforeAll(async () => {
  // A demo client with an active account, its current primary therapist, and an admin of its organization.
  const { rows } = await owner.query<{
    organization_id: string;
    patient_id: string;
    account_id: string;
    therapist_id: string;
    admin_id: string;
  }>(
    `SELECT a.organization_id, a.patient_id, a.id AS account_id, t.staff_user_id AS therapist_id,
            (SELECT b.staff_user_id FROM pf_role_bindings b WHERE b.organization_id = a.organization_id AND b.role_key = 'admin'
               AND b.revoked_at IS NULL ORDER BY b.staff_user_id LIMIT 1) AS admin_id
     FROM po_accounts a
     JOIN cl_charts ch ON ch.organization_id = a.organization_id AND ch.patient_id = a.patient_id AND NOT ch.is_part2
     JOIN LATERAL (SELECT x.staff_user_id FROM cl_care_team_assignments x
                   WHERE x.organization_id = a.organization_id AND x.patient_id = a.patient_id AND x.role = 'primary_therapist'
                     AND x.started_on <= current_date AND (x.ended_on IS NULL OR x.ended_on >= current_date) LIMIT 1) t ON true
     WHERE a.status = 'active' AND a.email LIKE '%.cairn.test' ORDER BY a.email LIMIT 1`,
  );
  const r = rows[0]!;
  org = r.organization_id;
  patient = r.patient_id;
  ctx.client = { organizationId: org, userId: r.account_id, siteIds: [], patientScope: 'portal' };
  ctx.therapist = { organizationId: org, userId: r.therapist_id, siteIds: 'all', patientScope: 'assigned' };
  ctx.admin = { organizationId: org, userId: r.admin_id, siteIds: 'all', patientScope: 'site' };
  ctx.system = { organizationId: org, userId: '', siteIds: 'all', patientScope: 'system' };
});
afterAll(async () => {
  await owner.query(`DELETE FROM po_session_reviews WHERE id = ANY($1::uuid[])`, [made]);
  await Promise.all([owner.end(), app.end()]);
});

describe('session reviews through row-level security', () => {
  it('shows the therapist a shared review, never an anonymous one (shared or not) nor an unshared one', async () => {
    const shared = await review({ shared: true, anonymous: false });
    const anonymousShared = await review({ shared: true, anonymous: true });
    const anonymous = await review({ shared: false, anonymous: true });
    const unshared = await review({ shared: false, anonymous: false });
    const therapist = await ids('therapist');
    expect(therapist).toContain(shared);
    for (const hidden of [anonymousShared, anonymous, unshared]) expect(therapist).not.toContain(hidden);
    // Through the oversight view too (security_invoker: the same policy).
    expect(await ids('therapist', 'SELECT id FROM po_session_reviews_oversight')).not.toContain(anonymousShared);
    // The client sees all of its own; the admin all of them.
    for (const who of ['client', 'admin'] as const)
      expect(await ids(who)).toEqual(expect.arrayContaining([shared, anonymousShared, anonymous, unshared]));
  });

  it("withholds an anonymous review's client in the admins' view", async () => {
    const anonymous = await review({ shared: false, anonymous: true });
    const named = await review({ shared: false, anonymous: false });
    const rows = await queryAsTenant<{ id: string; patient_id: string | null }>(
      app,
      ctx.admin,
      `SELECT id, patient_id FROM po_session_reviews_oversight WHERE id = ANY($1::uuid[]) ORDER BY anonymous DESC`,
      [[anonymous, named]],
    );
    expect(rows).toEqual([
      { id: anonymous, patient_id: null },
      { id: named, patient_id: patient },
    ]);
  });

  it('lets nobody insert a review directly; the system makes a prompt once per appointment through po_session_review_prompt', async () => {
    for (const who of ['client', 'therapist', 'admin', 'system'] as const)
      await expect(
        queryAsTenant(
          app,
          ctx[who],
          `INSERT INTO po_session_reviews (organization_id, id, patient_id, appointment_id, clinician_id, appointment_start_at)
           VALUES ($1, gen_random_uuid(), $2, gen_random_uuid(), $3, now())`,
          [org, patient, ctx.therapist.userId],
        ),
      ).rejects.toThrow(/permission denied/);
    const appointment = randomUUID();
    const prompt = (who: keyof typeof ctx) =>
      queryAsTenant<{ id: string | null }>(app, ctx[who], `SELECT po_session_review_prompt(gen_random_uuid(), $1, $2, $3, now()) AS id`, [
        patient,
        appointment,
        ctx.therapist.userId,
      ]);
    for (const who of ['client', 'therapist', 'admin'] as const) await expect(prompt(who)).rejects.toThrow(/system context only/);
    const [first] = await prompt('system');
    expect(first!.id).toEqual(expect.any(String));
    made.push(first!.id!);
    const [again] = await prompt('system');
    expect(again!.id).toBeNull();
    expect(
      (await owner.query(`SELECT count(*)::int AS n FROM po_session_reviews WHERE appointment_id = $1`, [appointment])).rows[0],
    ).toEqual({ n: 1 });
  });

  it('takes one answer, from the client only, and never moves a review to another patient', async () => {
    const id = await review({ shared: false, anonymous: false, status: 'pending' });
    const answer = (who: keyof typeof ctx, rating: number) =>
      queryAsTenant(
        app,
        ctx[who],
        `UPDATE po_session_reviews SET status = 'submitted', rating = $2, submitted_at = now() WHERE id = $1 RETURNING id`,
        [id, rating],
      );
    // Staff cannot answer for the client: the update policy admits no staff row (the admin sees it, and changes nothing).
    expect(await answer('admin', 1)).toEqual([]);
    expect(await answer('therapist', 1)).toEqual([]);
    expect(await answer('client', 5)).toEqual([{ id }]);
    await expect(answer('client', 1)).rejects.toThrow(/answered once/);
    await expect(queryAsTenant(app, ctx.client, `UPDATE po_session_reviews SET rating = 7 WHERE id = $1`, [id])).rejects.toThrow();
    await expect(
      queryAsTenant(app, ctx.client, `UPDATE po_session_reviews SET patient_id = gen_random_uuid() WHERE id = $1`, [id]),
    ).rejects.toThrow(/permission denied/);
    expect((await owner.query(`SELECT status, rating FROM po_session_reviews WHERE id = $1`, [id])).rows[0]).toEqual({
      status: 'submitted',
      rating: 5,
    });
  });
});
