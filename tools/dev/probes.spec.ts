import { createServer, Server } from 'node:http';

import { freePort, httpStatus, portInUse, WaitTimeoutError, waitUntil } from './probes';

describe('waitUntil', () => {
  it('returns once the check passes', async () => {
    let n = 0;
    await waitUntil(() => ++n >= 3, { what: 'three calls', timeoutMs: 2000, intervalMs: 1 });
    expect(n).toBe(3);
  });

  it('gives up after the timeout, naming what it waited for', async () => {
    await expect(waitUntil(() => false, { what: 'nothing', timeoutMs: 50, intervalMs: 10 })).rejects.toThrow(WaitTimeoutError);
    await expect(waitUntil(() => false, { what: 'the moon', timeoutMs: 20, intervalMs: 5 })).rejects.toThrow('waiting for the moon');
  });

  it('stops at once with the reason abort gives', async () => {
    const started = Date.now();
    await expect(waitUntil(() => false, { what: 'x', timeoutMs: 10_000, abort: () => 'the api died' })).rejects.toThrow('the api died');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe('ports and HTTP probes', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = createServer((req, res) => res.writeHead(req.url === '/health' ? 200 : 503).end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as { port: number }).port;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it('sees a listening port as in use and a free one as free', async () => {
    expect(await portInUse(port)).toBe(true);
    expect(await portInUse(await freePort())).toBe(false);
  });

  it('reports the status an HTTP server answers with, and undefined when none answers', async () => {
    expect(await httpStatus(`http://127.0.0.1:${port}/health`)).toBe(200);
    expect(await httpStatus(`http://127.0.0.1:${port}/other`)).toBe(503);
    expect(await httpStatus(`http://127.0.0.1:${await freePort()}/health`, 500)).toBeUndefined();
  });
});
