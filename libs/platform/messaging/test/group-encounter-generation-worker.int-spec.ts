import { randomUUID } from 'node:crypto';

import { CL_GROUP_SESSION_DOCUMENTED_V1, ClGroupSessionDocumentedV1 } from '@cairn/platform/clinical';

import { buildEvent } from '../src';
import { waitFor } from './probe';
import { workerScenario } from './worker-scenario';

jest.setTimeout(120_000);

// CL-14-EN-01 through the REAL worker process (apps/worker/src/main.ts: relay, CL's generation consumer, PM's
// encounter handler) on a database of its own with the demo data: a documented session delivered three times
// with the same event id, and re-published twice with new event ids, yields exactly one generation per
// rostered attendee and one pm_encounters row per present/partial attendee.
const CONSUMER = 'cl.generate-encounters-when-group-session-documented';
const scenario = workerScenario('generation');
const { stderr, publish } = scenario;

it('turns one documented session, delivered five times, into exactly one generation per attendee and one encounter per present/partial attendee', async () => {
  const owner = scenario.db.owner;
  const {
    rows: [sonoran],
  } = await owner.query<{ id: string }>(`SELECT id FROM pf_organizations WHERE slug = 'sonoran'`);
  const {
    rows: [site],
  } = await owner.query<{ id: string }>(`SELECT id FROM pf_sites WHERE organization_id = $1 AND code = 'TUC'`, [sonoran!.id]);
  const {
    rows: [clinician],
  } = await owner.query<{ id: string }>(`SELECT id FROM pf_staff_users WHERE email = 'clinician@sonoran.cairn.test'`);
  const { rows: roster } = await owner.query<{ patient_id: string; chart_id: string }>(
    `SELECT p.id AS patient_id, c.id AS chart_id FROM cl_patients p JOIN cl_charts c ON c.organization_id = p.organization_id AND c.patient_id = p.id
     WHERE p.site_id = $1 AND NOT c.is_part2 ORDER BY p.id LIMIT 4`,
    [site!.id],
  );
  const [p1, p2, p3, p4] = roster as [(typeof roster)[0], (typeof roster)[0], (typeof roster)[0], (typeof roster)[0]];
  const payload: ClGroupSessionDocumentedV1 = {
    organization_id: sonoran!.id,
    session_id: randomUUID(),
    group_id: randomUUID(),
    site_id: site!.id,
    group_type: 'psychotherapy_group',
    sud_program: false,
    modality: 'in_person',
    session_date: '2026-11-20',
    start_time: '10:00',
    end_time: '11:00',
    duration_minutes: 60,
    facilitator_id: clinician!.id,
    documented_by: clinician!.id,
    documented_at: new Date().toISOString(),
    attendees: [
      { ...p1, attendance_status: 'present', minutes_attended: 60 },
      { ...p2, attendance_status: 'partial', minutes_attended: 45 },
      { ...p3, attendance_status: 'partial', minutes_attended: 15 }, // under Arizona's 30 minutes
      { ...p4, attendance_status: 'absent', minutes_attended: 0 },
    ],
  };
  const first = buildEvent(CL_GROUP_SESSION_DOCUMENTED_V1, sonoran!.id, payload);
  await publish(first);
  const generations = () =>
    owner.query(
      `SELECT id, patient_id, encounter_id, status, billable, not_billable_reason, proposed_cpt_code, version, updated_at
     FROM cl_group_encounter_generations WHERE group_session_id = $1 ORDER BY patient_id`,
      [payload.session_id],
    );
  await waitFor('the first delivery to be generated', async () => (await generations()).rows.length > 0, 60_000, 100);
  const before = (await generations()).rows;

  // The same event id twice more (a redelivery straight onto the queue), and the session re-published twice.
  await scenario.replay('encounter-generation', CONSUMER, first, [
    buildEvent(CL_GROUP_SESSION_DOCUMENTED_V1, sonoran!.id, payload),
    buildEvent(CL_GROUP_SESSION_DOCUMENTED_V1, sonoran!.id, payload),
  ]);

  const after = (await generations()).rows;
  expect(after).toEqual(before); // replays inserted nothing and changed nothing
  expect(after).toHaveLength(4);
  const of = (p: { patient_id: string }) => after.find((r) => r.patient_id === p.patient_id)!;
  expect(of(p1)).toMatchObject({ status: 'pending_review', billable: true, proposed_cpt_code: '90853', encounter_id: expect.any(String) });
  expect(of(p2)).toMatchObject({ status: 'pending_review', billable: true, encounter_id: expect.any(String) });
  expect(of(p3)).toMatchObject({
    status: 'pending_review',
    billable: false,
    not_billable_reason: 'below_minimum_minutes',
    proposed_cpt_code: null,
    encounter_id: expect.any(String),
  });
  expect(of(p4)).toMatchObject({ status: 'not_generated', billable: false, not_billable_reason: 'absent', encounter_id: null });

  const encounters = await owner.query(
    `SELECT id, patient_id, encounter_type FROM pm_encounters WHERE source_type = 'group_session' AND source_id = $1`,
    [payload.session_id],
  );
  expect(encounters.rows).toHaveLength(3);
  expect(encounters.rows.map((e) => e.patient_id).sort()).toEqual([p1.patient_id, p2.patient_id, p3.patient_id].sort());
  expect(new Set(encounters.rows.map((e) => e.id))).toEqual(new Set([of(p1).encounter_id, of(p2).encounter_id, of(p3).encounter_id]));
  const audit = await owner.query(
    `SELECT count(*)::int AS n FROM pf_audit_events WHERE action = 'group-encounter-generation.create' AND resource_id = $1`,
    [payload.session_id],
  );
  expect(audit.rows[0].n).toBe(1);
  expect(stderr.join('')).not.toMatch(/failed/);
}, 120_000);
