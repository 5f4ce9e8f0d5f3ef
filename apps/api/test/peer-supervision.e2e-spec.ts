import type { INestApplication } from '@nestjs/common';

import { bootApi, LogCapture } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';
import { as, expectProblem, login, StaffSession } from './support/staff-api';

let app: INestApplication;
const demo = new DemoFixture();
const logs = new LogCapture();
let supervisor: StaffSession;
let supervisorNorth: StaffSession;
let peer: StaffSession;
let admin: StaffSession;
let clinician: StaffSession;
let billing: StaffSession;
let cascadeAdmin: StaffSession;
let ids: Record<'supervisor' | 'supervisorNorth' | 'peer' | 'peerFlagstaff' | 'clinician' | 'admin' | 'peerCascade', string>;

/** Notes written by the tests: none may reach a log line or an audit row. */
const NOTES = 'Discussed a disclosure about relapse by a client of the peer; reviewed boundaries with Marisol Quintana.';

/** The fields a problem names, each once (a value can break several constraints of one field). */
const field = (res: { body: { errors?: { field: string }[] } }) =>
  res.body.errors ? [...new Set(res.body.errors.map((e) => e.field))] : undefined;

async function record(session: StaffSession, body: Record<string, unknown>): Promise<Record<string, any>> {
  const res = await as(app, session)
    .post('/api/v1/peer-supervision')
    .send({ durationMinutes: 60, modality: 'individual', notes: NOTES, ...body });
  if (res.status !== 201) throw new Error(`record answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

const report = (session: StaffSession, query: string) => as(app, session).get(`/api/v1/peer-supervision/report?${query}`);

beforeAll(async () => {
  app = await bootApi({}, logs);
  [supervisor, supervisorNorth, peer, admin, clinician, billing, cascadeAdmin] = await Promise.all([
    login(app, 'supervisor@sonoran.cairn.test'),
    login(app, 'supervisor.north@sonoran.cairn.test'),
    login(app, 'peer@sonoran.cairn.test'),
    login(app, 'admin@sonoran.cairn.test'),
    login(app, 'clinician@sonoran.cairn.test'),
    login(app, 'billing@sonoran.cairn.test'),
    login(app, 'admin@cascade.cairn.test'),
  ]);
  ids = {
    supervisor: await demo.userId('supervisor@sonoran.cairn.test'),
    supervisorNorth: await demo.userId('supervisor.north@sonoran.cairn.test'),
    peer: await demo.userId('peer@sonoran.cairn.test'),
    peerFlagstaff: await demo.userId('peer.flagstaff@sonoran.cairn.test'),
    clinician: await demo.userId('clinician@sonoran.cairn.test'),
    admin: await demo.userId('admin@sonoran.cairn.test'),
    peerCascade: await demo.userId('peer@cascade.cairn.test'),
  };
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

describe('peer supervision (CL-19)', () => {
  it('records a session (the supervisor defaults to the caller), reads it with its notes, and audits both without the notes', async () => {
    const created = await record(supervisor, {
      peerProviderId: ids.peer,
      supervisionDate: '2026-01-08',
      durationMinutes: 75,
      modality: 'telehealth',
    });
    expect(created).toMatchObject({
      peerProviderId: ids.peer,
      supervisorId: ids.supervisor,
      supervisionDate: '2026-01-08',
      durationMinutes: 75,
      hours: 1.25,
      modality: 'telehealth',
      notes: NOTES,
      createdBy: ids.supervisor,
      editableUntil: expect.any(String),
    });
    const read = await as(app, supervisor).get(`/api/v1/peer-supervision/${created['id']}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: created['id'], notes: NOTES });

    const events = await demo.auditEvents(`resource_id = $1 AND action LIKE 'peer-supervision.%'`, [created['id']]);
    expect(events.map((e) => [e['action'], e['outcome']])).toEqual([
      ['peer-supervision.create', 'success'],
      ['peer-supervision.read', 'success'],
    ]);
    expect(events[0]!['scope']).toMatchObject({
      peerProviderId: ids.peer,
      supervisorId: ids.supervisor,
      durationMinutes: 75,
      modality: 'telehealth',
      hasNotes: true,
    });
    expect(JSON.stringify(events)).not.toContain('boundaries');
  });

  it('lets an admin record for a named supervisor, and requires a supervisor when the caller is none (422 naming supervisorId)', async () => {
    const created = await record(admin, {
      peerProviderId: ids.peerFlagstaff,
      supervisorId: ids.supervisorNorth,
      supervisionDate: '2026-01-12',
      modality: 'group',
    });
    expect(created).toMatchObject({ supervisorId: ids.supervisorNorth, createdBy: ids.admin });
    const missing = await as(app, admin)
      .post('/api/v1/peer-supervision')
      .send({ peerProviderId: ids.peer, supervisionDate: '2026-01-12', durationMinutes: 30, modality: 'phone' });
    expectProblem(missing, 422);
    expect(field(missing)).toEqual(['supervisorId']);
  });

  it('answers 400 naming the field for malformed input, and writes nothing', async () => {
    const before = (await demo.owner.query('SELECT count(*)::int AS n FROM cl_peer_supervision')).rows[0].n;
    const base = { peerProviderId: ids.peer, supervisionDate: '2026-01-15', durationMinutes: 60, modality: 'individual' };
    const cases: [Record<string, unknown>, string][] = [
      [{ peerProviderId: 'nobody' }, 'peerProviderId'],
      [{ supervisorId: 'nobody' }, 'supervisorId'],
      [{ supervisionDate: '2026-02-30' }, 'supervisionDate'],
      [{ supervisionDate: '15/01/2026' }, 'supervisionDate'],
      [{ durationMinutes: 0 }, 'durationMinutes'],
      [{ durationMinutes: 481 }, 'durationMinutes'],
      [{ durationMinutes: 12.5 }, 'durationMinutes'],
      [{ durationMinutes: '60' }, 'durationMinutes'],
      [{ modality: 'zoom' }, 'modality'],
      [{ notes: 'x'.repeat(20001) }, 'notes'],
      [{ notes: 42 }, 'notes'],
    ];
    for (const [change, name] of cases) {
      const res = await as(app, supervisor)
        .post('/api/v1/peer-supervision')
        .send({ ...base, ...change });
      expectProblem(res, 400);
      expect({ change, fields: field(res) }).toEqual({ change, fields: [name] });
    }
    const { supervisionDate: _omitted, ...noDate } = base;
    const missing = await as(app, supervisor).post('/api/v1/peer-supervision').send(noDate);
    expectProblem(missing, 400);
    expect(field(missing)).toEqual(['supervisionDate']);
    expect((await demo.owner.query('SELECT count(*)::int AS n FROM cl_peer_supervision')).rows[0].n).toBe(before);
  });

  it('answers 422 naming the field when a rule is broken: not a peer, not a supervisor, self-supervision, a future date', async () => {
    const base = { peerProviderId: ids.peer, supervisionDate: '2026-01-15', durationMinutes: 60, modality: 'individual' };
    const cases: [Record<string, unknown>, string][] = [
      [{ peerProviderId: ids.clinician }, 'peerProviderId'],
      [{ peerProviderId: ids.peerCascade }, 'peerProviderId'], // a peer of another organization
      [{ supervisorId: ids.clinician }, 'supervisorId'],
      [{ supervisorId: ids.peer }, 'supervisorId'], // nobody supervises themselves
      [{ supervisionDate: '2099-01-01' }, 'supervisionDate'],
      [{ supervisionDate: '1025-01-15' }, 'supervisionDate'], // a typo, not a record
      [{ supervisorId: ids.peer.toUpperCase() }, 'supervisorId'], // the same person, spelled in capitals
    ];
    for (const [change, name] of cases) {
      const res = await as(app, supervisor)
        .post('/api/v1/peer-supervision')
        .send({ ...base, ...change });
      expectProblem(res, 422);
      expect({ change, fields: field(res) }).toEqual({ change, fields: [name] });
    }
  });

  it("refuses recording one's own supervision (403, audited) and callers without cl.peer-supervision.record (403)", async () => {
    const own = await as(app, supervisor)
      .post('/api/v1/peer-supervision')
      .send({ peerProviderId: ids.supervisor, supervisionDate: '2026-01-15', durationMinutes: 60, modality: 'individual' });
    expectProblem(own, 403);
    expectProblem(
      await as(app, supervisor)
        .post('/api/v1/peer-supervision')
        .send({ peerProviderId: ids.supervisor.toUpperCase(), supervisionDate: '2026-01-15', durationMinutes: 60, modality: 'individual' }),
      403,
    );
    const [audit] = await demo.auditEvents(`action = 'peer-supervision.create' AND request_id = $1`, [own.headers['x-request-id']]);
    expect(audit).toMatchObject({ outcome: 'denied', reason: 'own_supervision' });
    for (const session of [peer, clinician, billing]) {
      expectProblem(
        await as(app, session)
          .post('/api/v1/peer-supervision')
          .send({ peerProviderId: ids.peerFlagstaff, supervisionDate: '2026-01-15', durationMinutes: 60, modality: 'individual' }),
        403,
      );
    }
  });

  it("shows a peer only their own supervision, a supervisor the organization's, and nobody another organization's", async () => {
    const mine = await record(supervisor, { peerProviderId: ids.peer, supervisionDate: '2026-06-02' });
    const theirs = await record(supervisorNorth, { peerProviderId: ids.peerFlagstaff, supervisionDate: '2026-06-03' });

    const peerList = await as(app, peer).get('/api/v1/peer-supervision?from=2026-06-01&to=2026-06-30');
    expect(peerList.status).toBe(200);
    expect(peerList.body.items.map((r: any) => r.id)).toEqual([mine['id']]);
    expect(peerList.body.items[0]).not.toHaveProperty('notes');
    expect((await as(app, peer).get(`/api/v1/peer-supervision/${mine['id']}`)).body.notes).toBe(NOTES);
    expectProblem(await as(app, peer).get(`/api/v1/peer-supervision/${theirs['id']}`), 404);
    // Every row a peer lists is their own, demo rows included.
    const all = await as(app, peer).get('/api/v1/peer-supervision?pageSize=100');
    expect(all.body.items.length).toBeGreaterThan(1);
    expect(new Set(all.body.items.map((r: any) => r.peerProviderId))).toEqual(new Set([ids.peer]));

    // Supervisors hold cl.peer-supervision.org-wide: both, whoever supervised.
    const north = await as(app, supervisorNorth).get('/api/v1/peer-supervision?from=2026-06-01&to=2026-06-30');
    expect(north.body.items.map((r: any) => r.id)).toEqual([theirs['id'], mine['id']]);
    const filtered = await as(app, supervisor).get(
      `/api/v1/peer-supervision?from=2026-06-01&to=2026-06-30&supervisorId=${ids.supervisorNorth}&modality=individual`,
    );
    expect(filtered.body.items.map((r: any) => r.id)).toEqual([theirs['id']]);

    expectProblem(await as(app, cascadeAdmin).get(`/api/v1/peer-supervision/${mine['id']}`), 404);
    expect((await as(app, cascadeAdmin).get('/api/v1/peer-supervision?from=2026-06-01&to=2026-06-30')).body.items).toEqual([]);
    expectProblem(await as(app, clinician).get('/api/v1/peer-supervision'), 403);
    expectProblem(await as(app, billing).get(`/api/v1/peer-supervision/${mine['id']}`), 403);
    expectProblem(await as(app, supervisor).get('/api/v1/peer-supervision/not-a-uuid'), 404);
    const notFound = await as(app, supervisor).get('/api/v1/peer-supervision/00000000-0000-4000-8000-000000000000');
    expectProblem(notFound, 404);
    const [audit] = await demo.auditEvents(`action = 'peer-supervision.read' AND request_id = $1`, [notFound.headers['x-request-id']]);
    expect(audit).toMatchObject({ outcome: 'not_found' });
  });

  it('lists newest first, paginated and audited, and refuses bad filters naming the field', async () => {
    const list = await as(app, supervisor).get(
      `/api/v1/peer-supervision?peerProviderId=${ids.peer}&from=2025-01-01&to=2025-12-31&pageSize=5`,
    );
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(5);
    expect(list.body.total).toBeGreaterThan(5);
    const dates = list.body.items.map((r: any) => r.supervisionDate);
    expect([...dates].sort().reverse()).toEqual(dates);
    const [audit] = await demo.auditEvents(`action = 'peer-supervision.list' AND request_id = $1`, [list.headers['x-request-id']]);
    expect(audit!['scope']).toMatchObject({ resultCount: 5, ids: list.body.items.map((r: any) => r.id) });

    const badRange = await as(app, supervisor).get('/api/v1/peer-supervision?from=2025-05-01&to=2025-04-01');
    expectProblem(badRange, 400);
    expect(field(badRange)).toEqual(['to']);
    expect(field(await as(app, supervisor).get('/api/v1/peer-supervision?modality=zoom'))).toEqual(['modality']);
    expect(field(await as(app, supervisor).get('/api/v1/peer-supervision?peerProviderId=x'))).toEqual(['peerProviderId']);
  });

  describe('corrections', () => {
    it('lets the recorder correct a record within 7 days and audits the old and new values, the notes only as changed', async () => {
      const created = await record(supervisor, { peerProviderId: ids.peer, supervisionDate: '2026-05-04', durationMinutes: 45 });
      const res = await as(app, supervisor)
        .patch(`/api/v1/peer-supervision/${created['id']}`)
        .send({ durationMinutes: 50, modality: 'phone', notes: `${NOTES} Follow-up booked.` });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        durationMinutes: 50,
        hours: 0.83,
        modality: 'phone',
        notes: `${NOTES} Follow-up booked.`,
        supervisionDate: '2026-05-04',
      });
      const [audit] = await demo.auditEvents(`action = 'peer-supervision.update' AND request_id = $1`, [res.headers['x-request-id']]);
      expect(audit).toMatchObject({ outcome: 'success', resource_id: created['id'] });
      expect(audit!['scope']).toMatchObject({
        fields: ['durationMinutes', 'modality', 'notes'],
        before: { durationMinutes: 45, modality: 'individual' },
        after: { durationMinutes: 50, modality: 'phone' },
        notesChanged: true,
      });
      expect(JSON.stringify(audit)).not.toContain('Follow-up');

      const moved = await as(app, supervisor)
        .patch(`/api/v1/peer-supervision/${created['id']}`)
        .send({ peerProviderId: ids.peerFlagstaff, supervisorId: ids.supervisorNorth });
      expect(moved.body).toMatchObject({ peerProviderId: ids.peerFlagstaff, supervisorId: ids.supervisorNorth, createdBy: ids.supervisor });
    });

    it('refuses other staff (403), a closed window (409), empty or malformed changes (400), broken rules (422, 403) and unknown ids (404)', async () => {
      const created = await record(supervisor, { peerProviderId: ids.peer, supervisionDate: '2026-05-11' });
      const url = `/api/v1/peer-supervision/${created['id']}`;
      const other = await as(app, supervisorNorth).patch(url).send({ durationMinutes: 30 });
      expectProblem(other, 403);
      const [denied] = await demo.auditEvents(`action = 'peer-supervision.update' AND request_id = $1`, [other.headers['x-request-id']]);
      expect(denied).toMatchObject({ outcome: 'denied', reason: 'not_recorder' });
      expectProblem(await as(app, peer).patch(url).send({ durationMinutes: 30 }), 403);

      const empty = await as(app, supervisor).patch(url).send({});
      expectProblem(empty, 400);
      expect(field(empty)).toEqual(['body']);
      expect(field(await as(app, supervisor).patch(url).send({ notes: null, modality: null }))).toEqual(['body']);
      // A null beside a real change is no change (the notes stay).
      const nullNotes = await as(app, supervisor).patch(url).send({ notes: null, durationMinutes: 60 });
      expect(nullNotes.status).toBe(200);
      expect(nullNotes.body.notes).toBe(NOTES);
      expect(field(await as(app, supervisor).patch(url).send({ durationMinutes: 500 }))).toEqual(['durationMinutes']);
      const future = await as(app, supervisor).patch(url).send({ supervisionDate: '2099-12-31' });
      expectProblem(future, 422);
      expect(field(future)).toEqual(['supervisionDate']);
      expect(field(await as(app, supervisor).patch(url).send({ supervisorId: ids.peer }))).toEqual(['supervisorId']);
      expect(field(await as(app, supervisor).patch(url).send({ supervisorId: ids.clinician }))).toEqual(['supervisorId']);
      expect(field(await as(app, supervisor).patch(url).send({ peerProviderId: ids.clinician }))).toEqual(['peerProviderId']);
      const own = await as(app, supervisor).patch(url).send({ peerProviderId: ids.supervisor });
      expectProblem(own, 403);
      const [ownDenied, ...moreOwn] = await demo.auditEvents(`action = 'peer-supervision.update' AND request_id = $1`, [
        own.headers['x-request-id'],
      ]);
      expect(moreOwn).toHaveLength(0);
      expect(ownDenied).toMatchObject({ outcome: 'denied', reason: 'own_supervision', resource_id: created['id'] });
      expectProblem(
        await as(app, supervisor).patch('/api/v1/peer-supervision/00000000-0000-4000-8000-000000000000').send({ durationMinutes: 30 }),
        404,
      );
      // Nothing of the refused changes was written.
      expect((await as(app, supervisor).get(url)).body).toMatchObject({
        durationMinutes: 60,
        peerProviderId: ids.peer,
        supervisorId: ids.supervisor,
        supervisionDate: '2026-05-11',
      });

      // Recorded eight days ago: final.
      const old = '00000000-0000-4000-8000-00000000a001';
      await demo.owner.query(
        `INSERT INTO cl_peer_supervision (organization_id, id, peer_provider_id, supervisor_id, supervision_date, duration_minutes, modality, notes, created_by, created_at)
         VALUES ($1, $2, $3, $4, '2026-01-20', 60, 'individual', '', $4, now() - interval '8 days')`,
        [await demo.orgId('sonoran'), old, ids.peer, ids.supervisor],
      );
      const closed = await as(app, supervisor).patch(`/api/v1/peer-supervision/${old}`).send({ durationMinutes: 30 });
      expectProblem(closed, 409);
      const [late] = await demo.auditEvents(`action = 'peer-supervision.update' AND request_id = $1`, [closed.headers['x-request-id']]);
      expect(late).toMatchObject({ outcome: 'denied', reason: 'edit_window_closed' });
    });
  });

  describe('hours report', () => {
    beforeAll(async () => {
      await record(supervisor, { peerProviderId: ids.peer, supervisionDate: '2026-03-05', durationMinutes: 60, modality: 'individual' });
      await record(supervisor, { peerProviderId: ids.peer, supervisionDate: '2026-03-19', durationMinutes: 30, modality: 'phone' });
      await record(supervisorNorth, {
        peerProviderId: ids.peerFlagstaff,
        supervisionDate: '2026-03-10',
        durationMinutes: 90,
        modality: 'group',
      });
    });

    it('gives a supervisor every active peer per month, with zero rows for months without supervision', async () => {
      const res = await report(supervisor, 'from=2026-02&to=2026-04');
      expect(res.status).toBe(200);
      expect(res.body.months).toEqual(['2026-02', '2026-03', '2026-04']);
      const rows = res.body.items.map((r: any) => [r.peerProviderId, r.month, r.sessionCount, r.hours]);
      expect(rows).toEqual(
        expect.arrayContaining([
          [ids.peer, '2026-02', 0, 0],
          [ids.peer, '2026-03', 2, 1.5],
          [ids.peer, '2026-04', 0, 0],
          [ids.peerFlagstaff, '2026-02', 0, 0],
          [ids.peerFlagstaff, '2026-03', 1, 1.5],
          [ids.peerFlagstaff, '2026-04', 0, 0],
        ]),
      );
      expect(res.body.items.some((r: any) => r.peerProviderId === ids.peerCascade)).toBe(false);
      const march = res.body.items.find((r: any) => r.peerProviderId === ids.peer && r.month === '2026-03');
      expect(march).toMatchObject({
        peerName: 'Paul Etsitty, CPRS',
        minutes: 90,
        byModality: {
          individual: { sessionCount: 1, hours: 1 },
          phone: { sessionCount: 1, hours: 0.5 },
          group: { sessionCount: 0, hours: 0 },
        },
      });
      expect(res.body.peers.find((p: any) => p.peerProviderId === ids.peer)).toMatchObject({
        sessionCount: 2,
        hours: 1.5,
        monthsWithoutSupervision: ['2026-02', '2026-04'],
      });
      const [audit] = await demo.auditEvents(`action = 'peer-supervision.report' AND request_id = $1`, [res.headers['x-request-id']]);
      expect(audit).toMatchObject({ outcome: 'success' });
      expect(audit!['scope']).toMatchObject({ from: '2026-02', to: '2026-04', format: 'json', orgWide: true });
    });

    it('shows the demo data: a year of supervision for each demo peer, with their gap months', async () => {
      const res = await report(supervisor, `from=2025-01&to=2025-12&peerProviderId=${ids.peer}`);
      expect(res.status).toBe(200);
      expect(res.body.items).toHaveLength(12);
      expect(res.body.peers).toEqual([expect.objectContaining({ peerProviderId: ids.peer, monthsWithoutSupervision: ['2025-07'] })]);
      expect(res.body.peers[0].hours).toBeGreaterThan(5);
      const cascade = await report(cascadeAdmin, 'from=2025-01&to=2025-12');
      expect(cascade.body.peers).toEqual([
        expect.objectContaining({ peerProviderId: ids.peerCascade, monthsWithoutSupervision: ['2025-09'] }),
      ]);
    });

    it('gives a peer their own rows only, and refuses another peer (403)', async () => {
      const own = await report(peer, 'from=2026-02&to=2026-04');
      expect(own.status).toBe(200);
      expect(new Set(own.body.items.map((r: any) => r.peerProviderId))).toEqual(new Set([ids.peer]));
      expect(own.body.items.map((r: any) => r.hours)).toEqual([0, 1.5, 0]);
      const other = await report(peer, `from=2026-02&to=2026-04&peerProviderId=${ids.peerFlagstaff}`);
      expectProblem(other, 403);
      const [denied] = await demo.auditEvents(`action = 'peer-supervision.report' AND request_id = $1`, [other.headers['x-request-id']]);
      expect(denied).toMatchObject({ outcome: 'denied', reason: 'other_peer', resource_id: null });
      expect(denied!['scope']).toMatchObject({ from: '2026-02', to: '2026-04', peerProviderId: ids.peerFlagstaff });
      expect((await report(peer, `from=2026-02&to=2026-04&peerProviderId=${ids.peer}`)).status).toBe(200);
    });

    it('streams CSV for format=csv and Accept: text/csv, with the same figures', async () => {
      const csv = await report(supervisor, `from=2026-03&to=2026-03&peerProviderId=${ids.peer}&format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toContain('peer-supervision-hours-2026-03-2026-03.csv');
      expect(csv.text.trim().split('\r\n')).toEqual([
        'peerProviderId,peerName,month,sessionCount,hours,hours: individual,hours: group,hours: telehealth,hours: phone',
        `${ids.peer},"Paul Etsitty, CPRS",2026-03,2,1.5,1,0,0,0.5`,
      ]);
      const viaAccept = await report(supervisor, `from=2026-03&to=2026-03&peerProviderId=${ids.peer}`).set('Accept', 'text/csv');
      expect(viaAccept.text).toBe(csv.text);
    });

    it('answers 400 naming the field for bad months and ranges, 422 for a staff member who is no peer, 403 without the permission', async () => {
      const cases: [string, string][] = [
        ['to=2026-04', 'from'],
        ['from=2026-13&to=2026-12', 'from'],
        ['from=2026-1&to=2026-12', 'from'],
        ['from=2026-01-01&to=2026-12', 'from'],
        ['from=2026-01', 'to'],
        ['from=2026-05&to=2026-04', 'to'],
        ['from=2024-01&to=2026-01', 'to'],
        ['from=2026-01&to=2026-02&peerProviderId=x', 'peerProviderId'],
        ['from=2026-01&to=2026-02&format=pdf', 'format'],
      ];
      for (const [query, name] of cases) {
        const res = await report(supervisor, query);
        expectProblem(res, 400);
        expect({ query, fields: field(res) }).toEqual({ query, fields: [name] });
      }
      const notPeer = await report(supervisor, `from=2026-01&to=2026-02&peerProviderId=${ids.clinician}`);
      expectProblem(notPeer, 422);
      expect(field(notPeer)).toEqual(['peerProviderId']);
      expectProblem(await report(billing, 'from=2026-01&to=2026-02'), 403);
      expectProblem(await report(clinician, 'from=2026-01&to=2026-02'), 403);
    });
  });

  it('never logs the notes', () => {
    expect(logs.text.length).toBeGreaterThan(0);
    expect(logs.text).not.toContain('boundaries');
    expect(logs.text).not.toContain('Quintana');
  });
});
