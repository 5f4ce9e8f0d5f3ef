import { Pool } from 'pg';

import { queryAsTenant } from '@cairn/platform/db';
import { testOwnerUrl } from '@cairn/testing';

// The demo data of issue 19 items 5 and 6 as seeded (read only): a sensitive pending change request its client's
// therapist cannot see, a plain one under review, insurance cards with PNG photos for billing, tokenised cards.

const owner = new Pool({ connectionString: testOwnerUrl(), max: 1 });
const app = new Pool({ connectionString: process.env['DATABASE_URL'], max: 1 });
afterAll(() => Promise.all([owner.end(), app.end()]));

it('has a sensitive pending request hidden from the current therapist and visible to the admins', async () => {
  const { rows } = await owner.query<{ organization_id: string; id: string; patient_id: string; therapist: string; admin: string }>(
    `SELECT r.organization_id, r.id, r.patient_id,
            (SELECT x.staff_user_id FROM cl_care_team_assignments x WHERE x.patient_id = r.patient_id AND x.role = 'primary_therapist'
               AND x.started_on <= current_date AND (x.ended_on IS NULL OR x.ended_on >= current_date) LIMIT 1) AS therapist,
            (SELECT b.staff_user_id FROM pf_role_bindings b JOIN pf_staff_users u ON u.id = b.staff_user_id
               WHERE b.organization_id = r.organization_id AND b.role_key = 'admin' AND b.revoked_at IS NULL LIMIT 1) AS admin
     FROM po_change_requests r WHERE NOT r.shared_with_clinician AND r.status = 'pending' AND r.reason LIKE 'I would like a different therapist.%'`,
  );
  expect(rows).toHaveLength(1);
  const r = rows[0]!;
  const sees = async (userId: string, scope: 'assigned' | 'site') =>
    (
      await queryAsTenant<{ id: string }>(
        app,
        { organizationId: r.organization_id, userId, siteIds: 'all', patientScope: scope },
        'SELECT id FROM po_change_requests WHERE id = $1',
        [r.id],
      )
    ).length;
  expect(await sees(r.therapist, 'assigned')).toBe(0);
  expect(await sees(r.admin, 'site')).toBe(1);
  const review = await owner.query(
    `SELECT count(*)::int AS n FROM po_change_requests WHERE status = 'under_review' AND shared_with_clinician`,
  );
  expect(review.rows[0].n).toBeGreaterThanOrEqual(1);
});

it('has insurance cards whose photos are PNGs attached to them, and unexpired tokenised cards', async () => {
  const cards = await owner.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM po_insurance_cards c
     JOIN po_files f ON f.id IN (c.front_file_id, c.back_file_id) AND f.owner_kind = 'insurance_card' AND f.owner_id = c.id
       AND NOT f.shared_with_clinician AND f.content_type = 'image/png' AND substring(f.content FROM 1 FOR 8) = '\\x89504e470d0a1a0a'::bytea`,
  );
  expect(cards.rows[0]!.n).toBeGreaterThanOrEqual(2);
  // The demo's own (other tests add payment methods to the same database).
  const methods = await owner.query<{ last4: string; exp_year: number }>(
    "SELECT last4, exp_year FROM po_payment_methods WHERE processor_token LIKE 'pm\\_demo\\_%'",
  );
  expect(methods.rows.length).toBeGreaterThanOrEqual(2);
  for (const m of methods.rows) {
    expect(m.last4).toMatch(/^[0-9]{4}$/);
    expect(m.exp_year).toBeGreaterThan(2026);
  }
});
