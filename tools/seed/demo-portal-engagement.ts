import { createHash } from 'node:crypto';
import type { Client } from 'pg';

/**
 * Issue 19 items 4 and 7 in the demo data: for every active demo portal account (by email), an audio message from
 * the current primary therapist in the client's Audio Vault (a real, small WAV: one second of a soft 440 Hz tone),
 * plays of it, and two weeks of sign-ins, so the admins' adoption view and the Engagement dashboard tiles have
 * daily and weekly active clients. Anchored on the seed's `--today`: the message three days before it, the sign-ins
 * on the 13 days before it. Deterministic and idempotent (md5-derived ids, ON CONFLICT DO NOTHING).
 */

/** The demo audio: 1 s of a 440 Hz tone with a fade in and out, 8 kHz, 8-bit mono PCM WAV (8,044 bytes). */
export function demoAudioWav(seconds = 1, rate = 8000): Buffer {
  const samples = seconds * rate;
  const b = Buffer.alloc(44 + samples);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(36 + samples, 4);
  b.write('WAVEfmt ', 8, 'latin1');
  b.writeUInt32LE(16, 16); // fmt chunk size
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(1, 22); // mono
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate, 28); // byte rate
  b.writeUInt16LE(1, 32); // block align
  b.writeUInt16LE(8, 34); // bits per sample
  b.write('data', 36, 'latin1');
  b.writeUInt32LE(samples, 40);
  for (let i = 0; i < samples; i++) {
    const fade = Math.min(1, i / 800, (samples - i) / 800);
    b[44 + i] = Math.round(128 + 60 * fade * Math.sin((2 * Math.PI * 440 * i) / rate));
  }
  return b;
}

/** The days before `--today` on which demo client `index` signed in (most days, a gap pattern per client). */
export function demoSignInDays(index: number, span = 13): number[] {
  return Array.from({ length: span }, (_, k) => k + 1).filter((d) => (d + index) % 4 !== 0);
}

const AUDIO_TITLE = 'A breathing exercise for this week';

/** Inserts the rows; returns how many were added. */
export async function insertPortalEngagement(client: Client, today: string): Promise<number> {
  const { rows } = await client.query<{
    organization_id: string;
    patient_id: string;
    account_id: string;
    email: string;
    therapist_id: string;
  }>(
    `SELECT a.organization_id, a.patient_id, a.id AS account_id, a.email, t.staff_user_id AS therapist_id
     FROM po_accounts a
     JOIN LATERAL (SELECT x.staff_user_id FROM cl_care_team_assignments x
                   WHERE x.organization_id = a.organization_id AND x.patient_id = a.patient_id AND x.role = 'primary_therapist'
                     AND x.started_on <= current_date AND (x.ended_on IS NULL OR x.ended_on >= current_date)
                   ORDER BY x.started_on DESC LIMIT 1) t ON true
     WHERE a.status = 'active' ORDER BY a.email`,
  );
  const wav = demoAudioWav();
  const sha256 = createHash('sha256').update(wav).digest('hex');
  let n = 0;
  for (const [i, r] of rows.entries()) {
    const key = r.email;
    const file = await client.query(
      `INSERT INTO po_files (organization_id, id, patient_id, owner_kind, owner_id, file_name, content_type, byte_size, sha256, content,
                             shared_with_clinician, created_by_kind, created_by, created_at)
       VALUES ($1, md5('demo-audio-file:' || $3)::uuid, $2, 'audio_message', md5('demo-audio:' || $3)::uuid, 'breathing-exercise.wav',
               'audio/wav', $4, $5, $6, true, 'staff', $7, (($8::date - 3) + time '16:00') AT TIME ZONE 'UTC')
       ON CONFLICT DO NOTHING`,
      [r.organization_id, r.patient_id, key, wav.length, sha256, wav, r.therapist_id, today],
    );
    const message = await client.query(
      `INSERT INTO po_audio_messages (organization_id, id, patient_id, title, file_id, content_type, byte_size, created_by, created_at)
       VALUES ($1, md5('demo-audio:' || $3)::uuid, $2, $4, md5('demo-audio-file:' || $3)::uuid, 'audio/wav', $5, $6,
               (($7::date - 3) + time '16:00') AT TIME ZONE 'UTC')
       ON CONFLICT DO NOTHING`,
      [r.organization_id, r.patient_id, key, AUDIO_TITLE, wav.length, r.therapist_id, today],
    );
    // The first client (and every other one) listened twice; the others not yet.
    const plays = await client.query(
      `INSERT INTO po_audio_message_plays (organization_id, id, patient_id, audio_message_id, played_at)
       SELECT $1, md5('demo-audio-play:' || $3 || ':' || d)::uuid, $2, md5('demo-audio:' || $3)::uuid,
              (($4::date - d) + time '19:30') AT TIME ZONE 'UTC'
       FROM unnest($5::int[]) AS d
       ON CONFLICT DO NOTHING`,
      [r.organization_id, r.patient_id, key, today, i % 2 === 0 ? [2, 1] : []],
    );
    // Sign-ins: a spent refresh token per day (its raw value never existed, so it can never be presented).
    const signIns = await client.query(
      `INSERT INTO po_refresh_tokens (organization_id, id, patient_id, account_id, family_id, token_hash, issued_at, expires_at, used_at, revoked_at)
       SELECT $1, md5('demo-sign-in:' || $3 || ':' || d)::uuid, $2, $4, md5('demo-sign-in-family:' || $3 || ':' || d)::uuid,
              encode(sha256(convert_to('demo-sign-in:' || $3 || ':' || d, 'UTF8')), 'hex'), s.at, s.at + interval '30 days',
              s.at + interval '20 minutes', s.at + interval '40 minutes'
       FROM unnest($6::int[]) AS d
       CROSS JOIN LATERAL (SELECT (($5::date - d) + time '08:00' + make_interval(mins => (d * 37) % 600)) AT TIME ZONE 'UTC' AS at) s
       ON CONFLICT DO NOTHING`,
      [r.organization_id, r.patient_id, key, r.account_id, today, demoSignInDays(i)],
    );
    n += (file.rowCount ?? 0) + (message.rowCount ?? 0) + (plays.rowCount ?? 0) + (signIns.rowCount ?? 0);
  }
  return n;
}
