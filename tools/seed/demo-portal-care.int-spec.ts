import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

import { testOwnerUrl } from '@cairn/testing';

import { insertPortalCare } from './seed-demo-data';

// The demo portal care rows land in the real tables (their check constraints, casts and columns), for each active
// portal account, and a second run adds nothing.

const client = new Client({ connectionString: testOwnerUrl() });
let patientId: string;

beforeAll(async () => {
  await client.connect();
  const { rows } = await client.query<{ organization_id: string; id: string }>(
    `SELECT p.organization_id, p.id FROM cl_patients p
     -- A Part 2 chart's patient: the API tests' fixtures never pick those, so this account takes none of theirs.
     JOIN cl_charts ch ON ch.organization_id = p.organization_id AND ch.patient_id = p.id AND ch.is_part2
     WHERE p.status = 'active' AND NOT EXISTS (SELECT 1 FROM po_accounts a WHERE a.patient_id = p.id)
       AND EXISTS (SELECT 1 FROM cl_care_team_assignments x WHERE x.patient_id = p.id AND x.role = 'primary_therapist'
                   AND x.started_on <= current_date AND (x.ended_on IS NULL OR x.ended_on >= current_date))
     ORDER BY p.id LIMIT 1`,
  );
  patientId = rows[0]!.id;
  await client.query(
    `INSERT INTO po_accounts (organization_id, id, patient_id, email, status, invited_by, password_hash)
     VALUES ($1, $2, $3, $4, 'active', $2, 'x')`,
    [rows[0]!.organization_id, randomUUID(), patientId, `aaa-demo-care-${randomUUID().slice(0, 6)}@example.test`],
  );
});
afterAll(() => client.end());

it('inserts goals, homework in every state, resources, a toolkit and opens for an active account, once', async () => {
  const first = await insertPortalCare(client);
  expect(first).toBeGreaterThan(0);
  const states = await client.query('SELECT status FROM po_homework WHERE patient_id = $1 ORDER BY status', [patientId]);
  expect(states.rows.map((r) => r.status)).toEqual(['assigned', 'cancelled', 'completed', 'reviewed']);
  const toolkit = await client.query('SELECT coping_steps, contacts FROM po_crisis_toolkits WHERE patient_id = $1', [patientId]);
  expect(toolkit.rows[0].coping_steps).toHaveLength(3);
  expect(toolkit.rows[0].contacts).toEqual([{ name: 'Sister', phone: '+1 520 555 0142', relationship: 'sister' }]);
  expect(Number((await client.query('SELECT count(*) FROM po_goal_progress WHERE patient_id = $1', [patientId])).rows[0].count)).toBe(6);
  expect(Number((await client.query('SELECT count(*) FROM po_crisis_alerts')).rows[0].count)).toBeGreaterThanOrEqual(1);
  expect(await insertPortalCare(client)).toBe(0);
});
