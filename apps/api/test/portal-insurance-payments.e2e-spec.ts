import { randomUUID } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';

import { bootApi, redisFlushLoginCounters } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { asClient, onboardClient, OnboardedClient } from './support/portal-api';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

// Issue 19 item 6: insurance cards (photos through the portal's storage port, read by billing staff, not the
// therapist) and tokenised payment methods; a card number or CVV in any field of any portal request is refused.

let app: INestApplication;
const demo = new DemoFixture();
let therapist: StaffSession;
let billing: StaffSession;
let clients: OnboardedClient[];
const THERAPIST = 'clinician.salem@cascade.cairn.test';

const fields = (res: { body: { errors?: { field: string }[] } }) => [...new Set((res.body.errors ?? []).map((e) => e.field))];
const count = async (sql: string, params: unknown[]) => Number((await demo.owner.query<{ n: string }>(sql, params)).rows[0]!.n);

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
/** A real (decodable) RGB PNG of w x h pixels, filled with one colour. */
function png(w: number, h: number, rgb: [number, number, number]): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: w }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const FRONT = png(8, 5, [30, 90, 160]);
const BACK = png(8, 5, [240, 240, 240]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function upload(client: OnboardedClient, content: Buffer, name: string): Promise<string> {
  const res = await request(app.getHttpServer())
    .post('/api/v1/portal/files')
    .set('Authorization', `Bearer ${client.session.accessToken}`)
    .field('sharedWithClinician', 'true')
    .attach('file', content, name);
  expect(res.status).toBe(201);
  return res.body.fileId as string;
}

const card = { payerName: 'Regence BlueCross BlueShield of Oregon', memberId: 'RBS884120377', groupNumber: 'GRP-10443' };
const method = { processor: 'stripe', processorToken: 'pm_1QaZ9xLkT4rVb2nE', brand: 'visa', last4: '4242', expMonth: 8, expYear: 2099 };

beforeAll(async () => {
  app = await bootApi();
  await redisFlushLoginCounters();
  therapist = await login(app, THERAPIST);
  billing = await login(app, 'billing@cascade.cairn.test');
  const patients = await demo.primaryPatientsOf(THERAPIST, 2, { withoutPortalAccount: true });
  expect(patients).toHaveLength(2);
  clients = [];
  for (const p of patients) clients.push(await onboardClient(app, therapist, p));
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

describe('insurance cards', () => {
  it('the client adds a card with both photos; billing staff read it and the photos, the therapist neither', async () => {
    const client = clients[0]!;
    const p = client.patientId;
    const frontFileId = await upload(client, FRONT, 'front.png');
    const backFileId = await upload(client, BACK, 'back.jpg'); // the name lies; the bytes say PNG
    const added = await asClient(app, client.session)
      .post('/api/v1/portal/insurance-cards')
      .send({ ...card, frontFileId, backFileId });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ ...card, patientId: p, frontFileId, backFileId });
    const cardId = added.body.insuranceCardId as string;
    expect(
      await demo.auditEvents(`action = 'portal.insurance-card.add' AND resource_id = $1 AND actor_type = 'client'`, [cardId]),
    ).toHaveLength(1);
    // The photos became the card's, hidden from the clinician whatever the upload said.
    const files = await demo.owner.query(
      'SELECT owner_kind, owner_id, shared_with_clinician, content_type FROM po_files WHERE id = ANY($1::uuid[])',
      [[frontFileId, backFileId]],
    );
    expect(files.rows).toEqual([
      { owner_kind: 'insurance_card', owner_id: cardId, shared_with_clinician: false, content_type: 'image/png' },
      { owner_kind: 'insurance_card', owner_id: cardId, shared_with_clinician: false, content_type: 'image/png' },
    ]);

    expect((await asClient(app, client.session).get('/api/v1/portal/insurance-cards')).body).toEqual([
      expect.objectContaining({ insuranceCardId: cardId }),
    ]);
    const listed = await as(app, billing).get(`/api/v1/patients/${p}/insurance-cards`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([expect.objectContaining({ insuranceCardId: cardId, ...card })]);
    const image = await as(app, billing).get(`/api/v1/patients/${p}/insurance-cards/${cardId}/front`).buffer(true);
    expect(image.status).toBe(200);
    expect(image.headers['content-type']).toMatch(/image\/png/);
    expect(Buffer.compare(image.body as Buffer, FRONT)).toBe(0);
    expect(await demo.auditEvents(`action = 'portal.insurance-card.image.download' AND resource_id = $1`, [cardId])).toHaveLength(1);
    expect(await demo.auditEvents(`action = 'portal.insurance-card.list' AND patient_id = $1 AND actor_type = 'staff'`, [p])).toHaveLength(
      1,
    );

    // The therapist: no permission on the billing routes, and the photos are not among the files they may open.
    expectProblem(await as(app, therapist).get(`/api/v1/patients/${p}/insurance-cards`), 403);
    expectProblem(await as(app, therapist).get(`/api/v1/patients/${p}/portal-files/${frontFileId}`), 404);
    // Billing staff do not get the client's other files through the card's policy.
    const other = await upload(client, PDF, 'note.pdf');
    expectProblem(await as(app, billing).get(`/api/v1/patients/${p}/portal-files/${other}`), 403);
    expectProblem(await as(app, billing).get(`/api/v1/patients/${p}/insurance-cards/${cardId}/side`), 404);
    expectProblem(await as(app, billing).get(`/api/v1/patients/${p}/insurance-cards/${randomUUID()}/front`), 404);
  });

  it('refuses a photo that is not an image, not the client’s, already used, or a card number in a field, writing nothing', async () => {
    const [client, other] = [clients[0]!, clients[1]!];
    const before = await count('SELECT count(*) AS n FROM po_insurance_cards WHERE patient_id = $1', [client.patientId]);
    const pdf = await upload(client, PDF, 'card.png');
    const notImage = await asClient(app, client.session)
      .post('/api/v1/portal/insurance-cards')
      .send({ ...card, frontFileId: pdf });
    expectProblem(notImage, 400);
    expect(fields(notImage)).toEqual(['frontFileId']);
    const theirs = await upload(other, FRONT, 'front.png');
    const notMine = await asClient(app, client.session)
      .post('/api/v1/portal/insurance-cards')
      .send({ ...card, frontFileId: theirs });
    expectProblem(notMine, 400);
    expect(fields(notMine)).toEqual(['frontFileId']);
    const front = await upload(client, FRONT, 'front.png');
    const same = await asClient(app, client.session)
      .post('/api/v1/portal/insurance-cards')
      .send({ ...card, frontFileId: front, backFileId: front });
    expectProblem(same, 400);
    expect(fields(same)).toEqual(['backFileId']);
    const pan = await asClient(app, client.session)
      .post('/api/v1/portal/insurance-cards')
      .send({ ...card, memberId: '4111 1111 1111 1111', frontFileId: front });
    expectProblem(pan, 400);
    expect(fields(pan)).toEqual(['memberId']);
    const missing = await asClient(app, client.session).post('/api/v1/portal/insurance-cards').send({ frontFileId: front });
    expectProblem(missing, 400);
    expect(fields(missing).sort()).toEqual(['memberId', 'payerName']);
    expect(await count('SELECT count(*) AS n FROM po_insurance_cards WHERE patient_id = $1', [client.patientId])).toBe(before);
    // The front photo is still unattached: a failed request attached nothing.
    const ok = await asClient(app, client.session)
      .post('/api/v1/portal/insurance-cards')
      .send({ ...card, frontFileId: front });
    expect(ok.status).toBe(201);
    const reused = await asClient(app, client.session)
      .post('/api/v1/portal/insurance-cards')
      .send({ ...card, frontFileId: front });
    expectProblem(reused, 400);
    expect(fields(reused)).toEqual(['frontFileId']);
  });
});

describe('payment methods', () => {
  it('stores only the token, brand, last four and expiry; billing sees them without the token', async () => {
    const client = clients[1]!;
    const added = await asClient(app, client.session).post('/api/v1/portal/payment-methods').send(method);
    expect(added.status).toBe(201);
    expect(added.body).toEqual({
      paymentMethodId: expect.any(String),
      patientId: client.patientId,
      processor: 'stripe',
      brand: 'visa',
      last4: '4242',
      expMonth: 8,
      expYear: 2099,
      createdAt: expect.any(String),
    });
    const listed = await as(app, billing).get(`/api/v1/patients/${client.patientId}/payment-methods`);
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([added.body]);
    expect(JSON.stringify(listed.body)).not.toContain(method.processorToken);
    expect(
      await demo.auditEvents(`action = 'portal.payment-method.add' AND resource_id = $1 AND patient_id = $2`, [
        added.body.paymentMethodId,
        client.patientId,
      ]),
    ).toHaveLength(1);
    // Staff reading a patient outside their billing scope: 404, as if the patient did not exist.
    expectProblem(await as(app, billing).get(`/api/v1/patients/${randomUUID()}/payment-methods`), 404);
    expectProblem(await as(app, billing).get(`/api/v1/patients/${randomUUID()}/insurance-cards`), 404);
    expectProblem(await as(app, therapist).get(`/api/v1/patients/${client.patientId}/payment-methods`), 403);
  });

  it.each([
    ['a CVV field', { ...method, cvv: '123' }, 'cvv'],
    ['a card number field', { ...method, cardNumber: 'on file' }, 'cardNumber'],
    ['a card number as the token', { ...method, processorToken: '4242-4242-4242-4242' }, 'processorToken'],
    ['a card number as a JSON number', { ...method, processorToken: 378282246310005 }, 'processorToken'],
    ['a token that is not one', { ...method, processorToken: '12345678' }, 'processorToken'],
    ['five last digits', { ...method, last4: '42424' }, 'last4'],
    ['a 13th month', { ...method, expMonth: 13 }, 'expMonth'],
    ['an expired card', { ...method, expMonth: 1, expYear: 2020 }, 'expYear'],
    ['an unknown brand', { ...method, brand: 'bitcoin' }, 'brand'],
  ])('refuses %s with 400 naming the field, storing nothing', async (_what, body, field) => {
    const client = clients[0]!;
    const before = await count('SELECT count(*) AS n FROM po_payment_methods WHERE patient_id = $1', [client.patientId]);
    const res = await asClient(app, client.session).post('/api/v1/portal/payment-methods').send(body);
    expectProblem(res, 400);
    expect(fields(res)).toEqual([field]);
    expect(await count('SELECT count(*) AS n FROM po_payment_methods WHERE patient_id = $1', [client.patientId])).toBe(before);
  });
});

describe('no card number in any portal request', () => {
  it('refuses one in a journal entry, a change request, a query string, and a therapist’s homework, writing nothing', async () => {
    const client = clients[0]!;
    const journal = await asClient(app, client.session)
      .post('/api/v1/portal/journal-entries')
      .send({ title: 'Bills', body: 'Paid the copay with 5555 5555 5555 4444, exp 08/29 cvc 737' });
    expectProblem(journal, 400);
    expect(fields(journal)).toEqual(['body']);
    expect(await count('SELECT count(*) AS n FROM po_journal_entries WHERE patient_id = $1', [client.patientId])).toBe(0);
    const change = await asClient(app, client.session).post('/api/v1/portal/change-requests').send({ reason: 'card 6011111111111117' });
    expectProblem(change, 400);
    expect(fields(change)).toEqual(['reason']);
    expectProblem(await asClient(app, client.session).get('/api/v1/portal/homework?status=4111111111111111'), 400);
    const homework = await as(app, therapist)
      .post(`/api/v1/patients/${client.patientId}/homework`)
      .send({ title: 'Budget', description: 'Use card 4111-1111-1111-1111', homeworkType: 'worksheet', dueOn: '2099-01-01' });
    expectProblem(homework, 400);
    expect(fields(homework)).toEqual(['description']);
    // Ordinary numbers pass: a phone number and a date in a journal entry.
    const fine = await asClient(app, client.session)
      .post('/api/v1/portal/journal-entries')
      .send({ body: 'Called 503-555-0142 on 2026-12-05 about the 3 sessions left.' });
    expect(fine.status).toBe(201);
  });
});
