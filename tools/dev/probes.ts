import { request } from 'node:http';
import { createServer, Socket } from 'node:net';

/** A port nothing listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** True when something accepts TCP connections on the port. */
export async function portInUse(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    s.setTimeout(1000);
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('timeout', () => (s.destroy(), resolve(false)));
    s.once('error', () => resolve(false));
    s.connect(port, host);
  });
}

/** The HTTP status a GET answers with, or undefined when nothing answers within the timeout. */
export async function httpStatus(url: string, timeoutMs = 2000): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(undefined));
    req.end();
  });
}

export class WaitTimeoutError extends Error {
  constructor(what: string, timeoutMs: number) {
    super(`Timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    this.name = 'WaitTimeoutError';
  }
}

/**
 * Polls `check` until it is true. Throws WaitTimeoutError after timeoutMs, or an Error with the reason as soon
 * as `abort` returns one (say, the process being waited on has died), so no wait is ever unbounded.
 */
export async function waitUntil(
  check: () => Promise<boolean> | boolean,
  opts: { what: string; timeoutMs: number; intervalMs?: number; abort?: () => string | undefined },
): Promise<void> {
  const deadline = Date.now() + opts.timeoutMs;
  for (;;) {
    const reason = opts.abort?.();
    if (reason) throw new Error(reason);
    if (await check()) return;
    if (Date.now() >= deadline) throw new WaitTimeoutError(opts.what, opts.timeoutMs);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 200));
  }
}
