import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { toneWav } from '@cairn/testing';

import { bootApi, redisFlushLoginCounters } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { asClient, onboardClient, OnboardedClient } from './support/portal-api';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

// Issue 19 item 4: the therapist records or uploads an audio message for a client (audio by its bytes, size from
// config, bytes through the FileStorage port), the client plays it in the Audio Vault with range requests (206,
// Accept-Ranges, Content-Range, 416), every play audited, and a client never reaches another client's audio.

let app: INestApplication;
const demo = new DemoFixture();
let therapist: StaffSession;
let otherTherapist: StaffSession;
let admin: StaffSession;
let frontdesk: StaffSession;
let clients: OnboardedClient[];
const THERAPIST = 'clinician@cascade.cairn.test';
const MAX_BYTES = 4096;

const AUDIO = toneWav(2000);
const OGG = Buffer.concat([Buffer.from('OggS', 'latin1'), Buffer.from([0, 2]), Buffer.alloc(58)]);

const count = async (sql: string, params: unknown[]) => Number((await demo.owner.query<{ n: string }>(sql, params)).rows[0]!.n);
/** Buffers a binary body (supertest leaves audio/* unparsed). */
const binary = (t: request.Test) =>
  t.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });

/** Uploads a file for the client through the portal's files (the FileStorage port); its id. */
const upload = async (session: StaffSession, patientId: string, file: Buffer, name = 'message.wav'): Promise<string> => {
  const res = await as(app, session).post(`/api/v1/patients/${patientId}/portal-files`).attach('file', file, name);
  expect(res.status).toBe(201);
  return res.body.fileId as string;
};
const recordFile = (session: StaffSession, patientId: string, body: Record<string, unknown>) =>
  as(app, session).post(`/api/v1/patients/${patientId}/audio-messages`).send(body);
/** Uploads the audio, then makes it an audio message of the client (as the staff UI does). */
const record = async (session: StaffSession, patientId: string, file: Buffer, title = 'Breathing exercise', name = 'message.wav') =>
  recordFile(session, patientId, { title, fileId: await upload(session, patientId, file, name) });

beforeAll(async () => {
  app = await bootApi({ PORTAL_AUDIO_MAX_BYTES: String(MAX_BYTES) });
  await redisFlushLoginCounters();
  therapist = await login(app, THERAPIST);
  otherTherapist = await login(app, 'clinician.salem@cascade.cairn.test');
  admin = await login(app, 'admin@cascade.cairn.test');
  frontdesk = await login(app, 'frontdesk@cascade.cairn.test');
  const patients = await demo.primaryPatientsOf(THERAPIST, 2, { withoutPortalAccount: true });
  expect(patients).toHaveLength(2);
  clients = [];
  for (const p of patients) clients.push(await onboardClient(app, therapist, p));
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

describe('recording an audio message', () => {
  it('the primary therapist uploads audio; it is stored through the file port, typed by its bytes, and audited', async () => {
    const p = clients[0]!.patientId;
    // Named .mp3, but the bytes are a WAV: the type is the bytes'.
    const res = await record(therapist, p, AUDIO, 'Breathing exercise for this week', 'breathing.mp3');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      patientId: p,
      title: 'Breathing exercise for this week',
      contentType: 'audio/wav',
      byteSize: AUDIO.length,
      playCount: 0,
      lastPlayedAt: null,
    });
    const { rows } = await demo.owner.query(
      `SELECT f.owner_kind, f.owner_id, f.content_type, f.content, f.patient_id FROM po_audio_messages m
       JOIN po_files f ON f.organization_id = m.organization_id AND f.id = m.file_id WHERE m.id = $1`,
      [res.body.audioMessageId],
    );
    expect(rows).toEqual([
      { owner_kind: 'audio_message', owner_id: res.body.audioMessageId, content_type: 'audio/wav', content: AUDIO, patient_id: p },
    ]);
    const audit = await demo.auditEvents(`action = 'portal.audio-message.record' AND resource_id = $1`, [res.body.audioMessageId]);
    expect(audit).toEqual([expect.objectContaining({ outcome: 'success', patient_id: p, actor_type: 'staff' })]);
    // A portal admin may record too (an ogg this time).
    const byAdmin = await record(admin, p, OGG, 'From the practice');
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body.contentType).toBe('audio/ogg');
  });

  it('refuses a file that is not audio, too large, attached, of another client, or missing, and a bad title, with 400 naming the field', async () => {
    const p = clients[1]!.patientId;
    const pdf = await upload(therapist, p, Buffer.from('%PDF-1.4\n%%EOF\n'), 'message.mp3');
    const large = await upload(therapist, p, toneWav(MAX_BYTES));
    const ofOtherClient = await upload(therapist, clients[0]!.patientId, AUDIO);
    const good = await upload(therapist, p, AUDIO);
    const attached = (
      await demo.owner.query(`SELECT file_id FROM po_audio_messages WHERE patient_id = $1 LIMIT 1`, [clients[0]!.patientId])
    ).rows[0]!.file_id as string;
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ title: 'A title', fileId: pdf }, 'fileId', 'a PDF named .mp3'],
      [{ title: 'A title', fileId: large }, 'fileId', 'over PORTAL_AUDIO_MAX_BYTES'],
      [{ title: 'A title', fileId: ofOtherClient }, 'fileId', "another client's file"],
      [{ title: 'A title', fileId: '5b0e6f63-9d1a-4b8e-8f00-000000000000' }, 'fileId', 'no such file'],
      [{ title: 'A title' }, 'fileId', 'no fileId'],
      [{ title: 'A title', fileId: 'not-an-id' }, 'fileId', 'a fileId that is no id'],
      [{ title: '   ', fileId: good }, 'title', 'a blank title'],
      [{ fileId: good }, 'title', 'no title'],
      [{ title: 'x'.repeat(201), fileId: good }, 'title', 'a title too long'],
    ];
    for (const [body, field, why] of cases) {
      const res = await recordFile(therapist, p, body);
      expectProblem(res, 400);
      const fields = [...new Set((res.body.errors as { field: string }[]).map((e) => e.field))];
      expect({ why, fields }).toEqual({ why, fields: [field] });
    }
    // A file already attached to a message of its own client cannot become a second one.
    const again = await recordFile(therapist, clients[0]!.patientId, { title: 'Again', fileId: attached });
    expectProblem(again, 400);
    expect(again.body.errors).toEqual([expect.objectContaining({ field: 'fileId', message: expect.stringMatching(/already attached/) })]);
    expect(await count('SELECT count(*) AS n FROM po_audio_messages WHERE patient_id = $1', [p])).toBe(0);
    // The uploads stay unattached (nothing pointed at them).
    expect(await count(`SELECT count(*) AS n FROM po_files WHERE patient_id = $1 AND owner_kind = 'audio_message'`, [p])).toBe(0);
    const refused = await demo.auditEvents(`action = 'portal.audio-message.record' AND patient_id = $1`, [p]);
    expect(refused.every((a) => a['outcome'] !== 'success')).toBe(true);
  });

  it("refuses a therapist who is not the client's primary therapist (404), staff without the permission (403, audited) and no token (401)", async () => {
    const p = clients[1]!.patientId;
    const fileId = await upload(therapist, p, AUDIO);
    const body = { title: 'Hello', fileId };
    expectProblem(await recordFile(otherTherapist, p, body), 404);
    const denied = await recordFile(frontdesk, p, body);
    expectProblem(denied, 403);
    expect(await demo.auditEvents(`action = 'access.denied' AND request_id = $1`, [denied.headers['x-request-id']])).toHaveLength(1);
    expectProblem(await request(app.getHttpServer()).post(`/api/v1/patients/${p}/audio-messages`).send(body), 401);
    // A client's portal token is not a staff token.
    expectProblem(
      await request(app.getHttpServer())
        .post(`/api/v1/patients/${p}/audio-messages`)
        .set('Authorization', `Bearer ${clients[1]!.session.accessToken}`)
        .send(body),
      401,
    );
    expect(await count('SELECT count(*) AS n FROM po_audio_messages WHERE patient_id = $1', [p])).toBe(0);
  });
});

describe('the Audio Vault: listing and playing with range requests', () => {
  let messageId: string;
  beforeAll(async () => {
    const res = await record(therapist, clients[0]!.patientId, AUDIO, 'Grounding, 5-4-3-2-1');
    expect(res.status).toBe(201);
    messageId = res.body.audioMessageId;
  });
  const play = (range?: string, client = clients[0]!) => {
    const t = binary(asClient(app, client.session).get(`/api/v1/portal/audio-messages/${messageId}/content`));
    return range === undefined ? t : t.set('Range', range);
  };
  /** A request that should be refused (its problem+json body parsed). */
  const playRefused = (client: OnboardedClient, range?: string) => {
    const t = asClient(app, client.session).get(`/api/v1/portal/audio-messages/${messageId}/content`);
    return range === undefined ? t : t.set('Range', range);
  };

  it('the client lists their messages, newest first; another client sees none of them', async () => {
    const mine = await asClient(app, clients[0]!.session).get('/api/v1/portal/audio-messages');
    expect(mine.status).toBe(200);
    expect(mine.body[0]).toMatchObject({ audioMessageId: messageId, title: 'Grounding, 5-4-3-2-1', contentType: 'audio/wav' });
    const theirs = await asClient(app, clients[1]!.session).get('/api/v1/portal/audio-messages');
    expect(theirs.status).toBe(200);
    expect(theirs.body).toEqual([]);
    const audit = await demo.auditEvents(`action = 'portal.audio-message.list' AND patient_id = $1`, [clients[0]!.patientId]);
    expect(audit.length).toBeGreaterThan(0);
  });

  it('plays the whole file (200, Accept-Ranges), one range (206, Content-Range), a suffix, and refuses a range past the end (416)', async () => {
    const full = await play();
    expect(full.status).toBe(200);
    expect(full.headers).toMatchObject({ 'accept-ranges': 'bytes', 'content-type': 'audio/wav', 'content-length': String(AUDIO.length) });
    expect(full.headers['cache-control']).toMatch(/no-store/);
    expect(Buffer.compare(full.body as Buffer, AUDIO)).toBe(0);

    const head = await play('bytes=0-99');
    expect(head.status).toBe(206);
    expect(head.headers).toMatchObject({
      'content-range': `bytes 0-99/${AUDIO.length}`,
      'content-length': '100',
      'accept-ranges': 'bytes',
    });
    expect(Buffer.compare(head.body as Buffer, AUDIO.subarray(0, 100))).toBe(0);

    const seek = await play(`bytes=1000-`);
    expect(seek.status).toBe(206);
    expect(seek.headers['content-range']).toBe(`bytes 1000-${AUDIO.length - 1}/${AUDIO.length}`);
    expect(Buffer.compare(seek.body as Buffer, AUDIO.subarray(1000))).toBe(0);

    const tail = await play('bytes=-10');
    expect(tail.status).toBe(206);
    expect(Buffer.compare(tail.body as Buffer, AUDIO.subarray(AUDIO.length - 10))).toBe(0);

    const past = await asClient(app, clients[0]!.session)
      .get(`/api/v1/portal/audio-messages/${messageId}/content`)
      .set('Range', `bytes=${AUDIO.length}-`);
    expectProblem(past, 416);
    expect(past.headers['content-range']).toBe(`bytes */${AUDIO.length}`);
    expect(past.body.errors).toEqual([expect.objectContaining({ field: 'Range' })]);

    // Several ranges, another unit or nonsense: ignored (RFC 9110), the whole file.
    for (const ignored of ['bytes=0-1,5-6', 'items=0-5', 'bytes=9-3']) {
      const res = await play(ignored);
      expect({ ignored, status: res.status }).toEqual({ ignored, status: 200 });
    }

    // Every request audited with its range and answer; plays are the requests from the first byte (full, 0-99, the 3 ignored).
    const audit = await demo.auditEvents(`action = 'portal.audio-message.play' AND resource_id = $1`, [messageId]);
    expect(audit).toHaveLength(8);
    expect(audit.map((a) => (a['scope'] as { status: number }).status)).toEqual([200, 206, 206, 206, 416, 200, 200, 200]);
    expect(audit.every((a) => a['actor_type'] === 'client' && a['patient_id'] === clients[0]!.patientId)).toBe(true);
    expect(await count('SELECT count(*) AS n FROM po_audio_message_plays WHERE audio_message_id = $1', [messageId])).toBe(5);
  });

  it("a client never reaches another client's audio: 404, audited, nothing sent, no play counted", async () => {
    const other = await playRefused(clients[1]!);
    expectProblem(other, 404);
    const ranged = await playRefused(clients[1]!, 'bytes=0-10');
    expectProblem(ranged, 404);
    expect(ranged.headers['content-range']).toBeUndefined();
    expectProblem(await asClient(app, clients[1]!.session).get('/api/v1/portal/audio-messages/not-an-id/content'), 404);
    expectProblem(await request(app.getHttpServer()).get(`/api/v1/portal/audio-messages/${messageId}/content`), 401);
    // Nor through the staff route with their own patient id.
    const viaStaffRoute = await request(app.getHttpServer())
      .get(`/api/v1/patients/${clients[1]!.patientId}/audio-messages/${messageId}/content`)
      .set('Authorization', `Bearer ${clients[1]!.session.accessToken}`);
    expectProblem(viaStaffRoute, 401);
    // Both attempts are in the audit log as not found, by that client.
    const attempts = await demo.auditEvents(`action = 'portal.audio-message.play' AND resource_id = $1 AND actor_user_id = $2`, [
      messageId,
      clients[1]!.accountId,
    ]);
    expect(attempts.map((a) => [a['actor_type'], a['outcome']])).toEqual([
      ['client', 'not_found'],
      ['client', 'not_found'],
    ]);
    expect(await count('SELECT count(*) AS n FROM po_audio_message_plays WHERE patient_id = $1', [clients[1]!.patientId])).toBe(0);
  });

  it('the therapist sees whether it was played and can play it (not counted as a play); other staff get 404 or 403', async () => {
    const p = clients[0]!.patientId;
    const list = await as(app, therapist).get(`/api/v1/patients/${p}/audio-messages`);
    expect(list.status).toBe(200);
    expect(list.body.find((m: { audioMessageId: string }) => m.audioMessageId === messageId)).toMatchObject({
      playCount: 5,
      lastPlayedAt: expect.any(String),
    });
    const listened = await binary(
      as(app, therapist).get(`/api/v1/patients/${p}/audio-messages/${messageId}/content`).set('Range', 'bytes=0-3'),
    );
    expect(listened.status).toBe(206);
    expect((listened.body as Buffer).toString('latin1')).toBe('RIFF');
    expect(await count('SELECT count(*) AS n FROM po_audio_message_plays WHERE audio_message_id = $1', [messageId])).toBe(5);
    const staffAudit = await demo.auditEvents(`action = 'portal.audio-message.play' AND resource_id = $1 AND actor_type = 'staff'`, [
      messageId,
    ]);
    expect(staffAudit).toHaveLength(1);

    expectProblem(await as(app, otherTherapist).get(`/api/v1/patients/${p}/audio-messages`), 404);
    expectProblem(await as(app, otherTherapist).get(`/api/v1/patients/${p}/audio-messages/${messageId}/content`), 404);
    // The message under another patient's id is not found either.
    expectProblem(await as(app, therapist).get(`/api/v1/patients/${clients[1]!.patientId}/audio-messages/${messageId}/content`), 404);
    expectProblem(await as(app, frontdesk).get(`/api/v1/patients/${p}/audio-messages`), 403);
  });
});
