import type { Client } from 'pg';

/**
 * The client portal's session loop in the demo data (issue 19): for every active demo portal account, on the
 * patient's own PM appointments before and after the `--today` anchor:
 * - session reviews of the four latest completed appointments: the latest still a pending prompt, then a 5-star
 *   review shared with the therapist, an anonymous 2-star one (only portal admins see it, without the client), and a
 *   4-star shared one; shared ones have their `session_review.shared` notification;
 * - session summaries of the two latest completed appointments, shared by the appointment's provider;
 * - pre-session prep for the next booked appointment, and for the first account (by email) an urgent concern with
 *   its `session_prep.urgent` notification.
 * Generated in PostgreSQL, ids md5 of the appointment, so a re-run adds nothing. Returns the rows added.
 */
export async function insertPortalSessions(client: Client, today: string): Promise<number> {
  const clients = `WITH clients AS (
      SELECT a.organization_id, a.patient_id, row_number() OVER (ORDER BY a.email) AS n
      FROM po_accounts a WHERE a.status = 'active'
    ), past AS (
      SELECT c.organization_id, c.patient_id, c.n, ap.id AS appointment_id, ap.provider_id, ap.start_at,
             row_number() OVER (PARTITION BY c.patient_id ORDER BY ap.start_at DESC, ap.id) AS k
      FROM clients c JOIN pm_appointments ap ON ap.organization_id = c.organization_id AND ap.patient_id = c.patient_id
      WHERE ap.status = 'completed' AND ap.start_at < $1::date
    ), upcoming AS (
      SELECT c.organization_id, c.patient_id, c.n, ap.id AS appointment_id, ap.start_at,
             row_number() OVER (PARTITION BY c.patient_id ORDER BY ap.start_at, ap.id) AS k
      FROM clients c JOIN pm_appointments ap ON ap.organization_id = c.organization_id AND ap.patient_id = c.patient_id
      WHERE ap.status = 'scheduled' AND ap.start_at >= $1::date
    )`;
  let n = 0;
  const run = async (sql: string) => {
    const r = await client.query(`${clients} ${sql}`, [today]);
    n += r.rowCount ?? 0;
  };
  await run(`
    INSERT INTO po_session_reviews (organization_id, id, patient_id, appointment_id, clinician_id, appointment_start_at, prompted_at,
                                    status, rating, feedback, shared_with_clinician, anonymous, submitted_at)
    SELECT organization_id, md5('demo-session-review:' || appointment_id)::uuid, patient_id, appointment_id, provider_id, start_at,
           start_at + interval '1 day',
           CASE WHEN k = 1 THEN 'pending' ELSE 'submitted' END,
           CASE k WHEN 2 THEN 5 WHEN 3 THEN 2 WHEN 4 THEN 4 END,
           CASE k WHEN 2 THEN 'Really helpful session. The breathing exercise worked when I tried it on Tuesday.'
                  WHEN 3 THEN 'The session started 20 minutes late and the waiting room was loud. I did not feel heard.'
                  WHEN 4 THEN NULL END,
           k IN (2, 4), k = 3,
           CASE WHEN k > 1 THEN start_at + interval '1 day 3 hours' END
    FROM past WHERE k <= 4
    ON CONFLICT DO NOTHING`);
  await run(`
    INSERT INTO po_notifications (organization_id, id, patient_id, kind, record_kind, record_id, created_at)
    SELECT organization_id, md5('demo-session-review-note:' || appointment_id)::uuid, patient_id, 'session_review.shared', 'session_review',
           md5('demo-session-review:' || appointment_id)::uuid, start_at + interval '1 day 3 hours'
    FROM past WHERE k IN (2, 4)
    ON CONFLICT DO NOTHING`);
  await run(`
    INSERT INTO po_session_summaries (organization_id, id, patient_id, appointment_id, appointment_start_at, clinician_name, summary, shared_by, shared_at)
    SELECT p.organization_id, md5('demo-session-summary:' || p.appointment_id)::uuid, p.patient_id, p.appointment_id, p.start_at, u.display_name,
           CASE p.k WHEN 2 THEN 'We reviewed your week and the thought record you brought. You noticed the "all or nothing" pattern at work on two days. '
                               || 'We practised box breathing (4-4-4-4) together. Before next time: try it once a day, and note one situation where it helped.'
                    ELSE 'We talked about sleep and the new evening routine. You named two people you can call when evenings feel heavy. '
                               || 'Plan: screens off at 10 pm on weeknights; keep the mood check-ins going so we can look at the pattern together.' END,
           p.provider_id, p.start_at + interval '5 hours'
    FROM past p JOIN pf_staff_users u ON u.id = p.provider_id
    WHERE p.k IN (2, 3)
    ON CONFLICT DO NOTHING`);
  await run(`
    INSERT INTO po_session_preps (organization_id, id, patient_id, appointment_id, appointment_start_at, topics, recent_feelings, urgent_concern,
                                  created_at, updated_at)
    SELECT organization_id, md5('demo-session-prep:' || appointment_id)::uuid, patient_id, appointment_id, start_at,
           ARRAY['Sleep has been worse since the holidays', 'How to talk to my sister about the move'],
           'Mostly okay, anxious in the evenings, better after walks.',
           CASE WHEN n = 1 THEN 'I had a panic attack at work on Monday and left early. I am worried it will happen again.' END,
           $1::date - interval '1 day' + interval '19 hours', $1::date - interval '1 day' + interval '19 hours'
    FROM upcoming WHERE k = 1
    ON CONFLICT DO NOTHING`);
  await run(`
    INSERT INTO po_notifications (organization_id, id, patient_id, kind, record_kind, record_id, created_at)
    SELECT organization_id, md5('demo-session-prep-note:' || appointment_id)::uuid, patient_id, 'session_prep.urgent', 'session_prep',
           md5('demo-session-prep:' || appointment_id)::uuid, $1::date - interval '1 day' + interval '19 hours'
    FROM upcoming WHERE k = 1 AND n = 1
    ON CONFLICT DO NOTHING`);
  return n;
}
