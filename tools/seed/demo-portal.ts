import type { Client } from 'pg';

/**
 * Client portal demo data (issue 18): portal accounts for a few demo patients, with months of mood entries, journal
 * entries (some shared), a daily prompt with answers and an answered check-in, and notifications, so the clinician's
 * portal-activity tab is alive. A module of its own so later portal features add their demo rows beside it
 * (homework, goals, resources, a crisis-alert episode: branch b18-portal-2).
 *
 * Deterministic and idempotent like the rest of the seed: row ids are derived (md5) from stable names, every insert
 * is ON CONFLICT DO NOTHING. Patients are chosen by query (the current primary therapist's active patients with a
 * chart not under Part 2, lowest id first), so the accounts follow the seeded patients.
 */
export interface DemoPortalClient {
  email: string;
  org: 'sonoran' | 'cascade';
  /** The demo clinician who is the patient's current primary therapist. */
  therapist: string;
}

/** The portal logins `npm start` prints (password: the other demo logins'). */
export const DEMO_PORTAL_CLIENTS: readonly DemoPortalClient[] = [
  { email: 'client@sonoran.cairn.test', org: 'sonoran', therapist: 'clinician@sonoran.cairn.test' },
  { email: 'client2@sonoran.cairn.test', org: 'sonoran', therapist: 'clinician@sonoran.cairn.test' },
  { email: 'client3@sonoran.cairn.test', org: 'sonoran', therapist: 'clinician.tucson@sonoran.cairn.test' },
  { email: 'client@cascade.cairn.test', org: 'cascade', therapist: 'clinician@cascade.cairn.test' },
];

/** How far back the demo mood history goes. */
export const DEMO_MOOD_DAYS = 120;

/** Inserts the portal demo rows; returns how many rows were added per table. */
export async function insertPortalDemo(client: Client, passwordHash: string): Promise<Record<string, number>> {
  const added: Record<string, number> = {
    po_accounts: 0,
    po_mood_entries: 0,
    po_journal_entries: 0,
    po_prompts: 0,
    po_prompt_responses: 0,
    po_notifications: 0,
  };
  const taken = new Set<string>();
  for (const [i, c] of DEMO_PORTAL_CLIENTS.entries()) {
    const { rows } = await client.query<{ organization_id: string; patient_id: string; therapist_id: string }>(
      `SELECT p.organization_id, p.id AS patient_id, u.id AS therapist_id
       FROM cl_patients p
       JOIN pf_organizations o ON o.id = p.organization_id AND o.slug = $1
       JOIN cl_charts ch ON ch.organization_id = p.organization_id AND ch.patient_id = p.id AND NOT ch.is_part2
       JOIN cl_care_team_assignments a ON a.organization_id = p.organization_id AND a.patient_id = p.id AND a.role = 'primary_therapist'
            AND a.started_on <= current_date AND (a.ended_on IS NULL OR a.ended_on >= current_date)
       JOIN pf_staff_users u ON u.id = a.staff_user_id AND u.email = $2
       WHERE p.status = 'active'
         AND NOT EXISTS (SELECT 1 FROM po_accounts x WHERE x.organization_id = p.organization_id AND x.patient_id = p.id AND x.email <> $3)
       ORDER BY (SELECT count(*) FROM po_accounts x WHERE x.patient_id = p.id AND x.email = $3) DESC, p.id
       LIMIT 5`,
      [c.org, c.therapist, c.email],
    );
    const pick = rows.find((r) => !taken.has(r.patient_id));
    if (!pick) continue;
    taken.add(pick.patient_id);
    const account = await client.query(
      `INSERT INTO po_accounts (organization_id, id, patient_id, email, password_hash, status, invited_by, activated_at)
       VALUES ($1, md5('demo-portal-account:' || $3)::uuid, $2::uuid, $3, $4, 'active', $5, now() - interval '${DEMO_MOOD_DAYS} days')
       ON CONFLICT DO NOTHING`,
      [pick.organization_id, pick.patient_id, c.email, passwordHash, pick.therapist_id],
    );
    added['po_accounts']! += account.rowCount ?? 0;
    const params = [pick.organization_id, pick.patient_id, c.email];
    // Mood: most days, a slow dip mid-window and a recovery, symptoms that follow the score; ~1 in 8 kept private.
    const mood = await client.query(
      `INSERT INTO po_mood_entries (organization_id, id, patient_id, entry_date, score, symptoms, note, shared_with_clinician, created_at)
       SELECT $1::uuid, md5('demo-mood:' || $3::text || ':' || d)::uuid, $2::uuid, current_date - d, s.score,
              CASE WHEN s.score <= 3 THEN ARRAY['ANXIETY', 'INSOMNIA'] WHEN s.score <= 5 THEN ARRAY['FATIGUE'] ELSE ARRAY[]::text[] END,
              CASE WHEN d % 9 = 0 THEN 'Wrote this after my walk.' END, (d + ${i}) % 8 <> 0, now() - make_interval(days => d)
       FROM generate_series(0, ${DEMO_MOOD_DAYS - 1}) AS d
       CROSS JOIN LATERAL (SELECT greatest(1, least(10, round(6 + 2 * sin((d + ${i * 7}) / 9.0) - CASE WHEN d BETWEEN 20 AND 30 THEN 3 ELSE 0 END
                                                     + ((hashtext($3 || d) % 3)::int))::int)) AS score) s
       WHERE (hashtext($3 || ':day:' || d) % 5) <> 0
       ON CONFLICT DO NOTHING`,
      params,
    );
    added['po_mood_entries']! += mood.rowCount ?? 0;
    const journal = await client.query(
      `INSERT INTO po_journal_entries (organization_id, id, patient_id, title, body, shared_with_clinician, created_at, updated_at)
       SELECT $1::uuid, md5('demo-journal:' || $3 || ':' || n)::uuid, $2::uuid, 'Week ' || (20 - n),
              (ARRAY['Slept badly again, but went to group.', 'Called my sister. It helped more than I expected.',
                     'Used the breathing exercise before the meeting.', 'A harder day. Noticed the old thoughts coming back.'])[1 + n % 4],
              n % 3 = 0, now() - make_interval(days => n * 6), now() - make_interval(days => n * 6)
       FROM generate_series(0, 19) AS n
       ON CONFLICT DO NOTHING`,
      params,
    );
    added['po_journal_entries']! += journal.rowCount ?? 0;
    const prompts = await client.query(
      `INSERT INTO po_prompts (organization_id, id, patient_id, kind, question, available_from, ends_on, closed_at, created_by, created_at)
       VALUES ($1, md5('demo-prompt-daily:' || $3)::uuid, $2::uuid, 'daily_prompt', 'What is one thing that went well today?',
               now() - interval '14 days', NULL, NULL, $4, now() - interval '14 days'),
              ($1, md5('demo-prompt-checkin:' || $3)::uuid, $2::uuid, 'check_in', 'How have you been sleeping since our last session?',
               now() - interval '5 days', NULL, now() - interval '4 days', $4, now() - interval '5 days')
       ON CONFLICT DO NOTHING`,
      [...params, pick.therapist_id],
    );
    added['po_prompts']! += prompts.rowCount ?? 0;
    const responses = await client.query(
      `INSERT INTO po_prompt_responses (organization_id, id, patient_id, prompt_id, response_date, body, created_at)
       SELECT $1::uuid, md5('demo-prompt-response:' || $3 || ':' || d)::uuid, $2::uuid, md5('demo-prompt-daily:' || $3)::uuid, current_date - d,
              (ARRAY['Made dinner with my kids.', 'Got outside for a walk.', 'Finished the worksheet.'])[1 + d % 3], now() - make_interval(days => d)
       FROM generate_series(1, 13, 2) AS d
       UNION ALL
       SELECT $1::uuid, md5('demo-checkin-response:' || $3)::uuid, $2::uuid, md5('demo-prompt-checkin:' || $3)::uuid, current_date - 4,
              'Better on the nights I skip coffee after lunch.', now() - interval '4 days'
       ON CONFLICT DO NOTHING`,
      params,
    );
    added['po_prompt_responses']! += responses.rowCount ?? 0;
    const notes = await client.query(
      `INSERT INTO po_notifications (organization_id, id, patient_id, kind, record_kind, record_id, created_at, read_at, read_by)
       SELECT $1::uuid, md5('demo-notification:' || m.id)::uuid, $2::uuid, CASE WHEN m.score <= 3 THEN 'mood_entry.low_score' ELSE 'mood_entry.logged' END,
              'mood_entry', m.id, m.created_at, CASE WHEN m.entry_date < current_date - 3 THEN m.created_at + interval '1 day' END,
              CASE WHEN m.entry_date < current_date - 3 THEN $3::uuid END
       FROM po_mood_entries m WHERE m.organization_id = $1 AND m.patient_id = $2 AND m.shared_with_clinician AND m.entry_date >= current_date - 14
       ON CONFLICT DO NOTHING`,
      [pick.organization_id, pick.patient_id, pick.therapist_id],
    );
    added['po_notifications']! += notes.rowCount ?? 0;
  }
  return added;
}
