import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

import type { AppConfig } from '@cairn/platform/config';
import { createScratchDatabase, freePort, ScratchDatabase, TcpProxy } from '@cairn/testing';

import { PortalNotificationStream } from './portal-notification-stream.service';

jest.setTimeout(60_000);

/**
 * The API process's one LISTEN po_notifications connection when PostgreSQL goes away under it (a restart, a
 * failover, a reset connection): the process must not end on the connection's errors, and the open streams must
 * hear the organization's notifications again once PostgreSQL is back, however long it stayed unreachable.
 * The connection goes through a TCP proxy that resets it and refuses new ones for a while.
 */
let db: ScratchDatabase;
let proxy: TcpProxy;
let stream: PortalNotificationStream;
let notifier: Client;

beforeAll(async () => {
  db = await createScratchDatabase({ prefix: 'cairn_portal_listen' });
  const target = new URL(db.appUrl);
  proxy = new TcpProxy({ host: target.hostname, port: Number(target.port || 5432) }, await freePort());
  await proxy.start();
  const proxied = new URL(db.appUrl);
  proxied.hostname = '127.0.0.1';
  proxied.port = String(proxy.listenPort);
  stream = new PortalNotificationStream({ DATABASE_URL: proxied.toString() } as AppConfig);
  notifier = new Client({ connectionString: db.ownerUrl });
  await notifier.connect();
});

afterAll(async () => {
  await stream?.onModuleDestroy();
  await notifier?.end();
  await proxy?.stop();
  await db?.drop();
});

/** NOTIFYs the organization until `woken` reports a wake, or fails after `ms`. */
async function heard(org: string, woken: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    await notifier.query(`SELECT pg_notify('po_notifications', $1)`, [org]);
    await new Promise((r) => setTimeout(r, 200));
    if (woken()) return;
  }
  throw new Error(`no wake within ${ms} ms`);
}

it('survives its connection being reset and hears notifications again after PostgreSQL was unreachable for 3 s', async () => {
  const org = randomUUID();
  let wakes = 0;
  const unsubscribe = stream.subscribe(org, async () => {
    wakes++;
  });
  // subscribe runs the wake once at once (the stream's first read).
  await heard(org, () => wakes >= 2, 20_000);

  const { cut } = await proxy.outage(3000);
  expect(cut).toBe(1);
  // Reconnected after the outage: a wake after the reconnect (every stream reads again), then NOTIFYs reach it.
  const before = wakes;
  await heard(org, () => wakes > before, 20_000);
  const after = wakes;
  await heard(org, () => wakes > after, 20_000);
  // Another organization's notifications wake nobody here.
  const quiet = wakes;
  await notifier.query(`SELECT pg_notify('po_notifications', $1)`, [randomUUID()]);
  await new Promise((r) => setTimeout(r, 500));
  expect(wakes).toBe(quiet);
  unsubscribe();
});
