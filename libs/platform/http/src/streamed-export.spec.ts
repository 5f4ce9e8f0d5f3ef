import { request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';

import { sendStreamedExport, type StreamedExport } from './streamed-export';

/** What a real HTTP/1.1 client saw. */
interface Received {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  trailers: NodeJS.Dict<string>;
  /** The body ended with the terminating chunk (false: the connection was cut). */
  complete: boolean;
}

let server: Server;
let port: number;
let source: () => StreamedExport['batches'];
let handlerError: unknown;
/** Resolved when the client has received its first body bytes. */
let firstBytes: Promise<void>;
let onFirstBytes: () => void;

beforeAll(async () => {
  const app = express();
  app.get('/export', (_req: Request, res: Response, next: NextFunction) => {
    handlerError = undefined;
    sendStreamedExport(res, { filename: 'x.csv', header: 'a,b\r\n', batches: source() }).catch((e: unknown) => {
      handlerError = e;
      next(e);
    });
  });
  app.use((_e: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) return void res.destroy();
    res.status(500).type('application/problem+json').send('{"status":500}');
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((r) => server.close(r)));

function get(): Promise<Received> {
  firstBytes = new Promise((r) => (onFirstBytes = r));
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/export', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        body += c;
        onFirstBytes();
      });
      const finish = (): void =>
        resolve({ status: res.statusCode!, headers: res.headers, body, trailers: res.trailers, complete: res.complete });
      res.on('end', finish);
      res.on('error', finish); // "aborted": the server cut the connection mid-body
      res.on('aborted', finish);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('sendStreamedExport', () => {
  it('streams chunked, then trailers saying complete with the row count', async () => {
    source = () =>
      (async function* () {
        yield ['1,2\r\n', '3,4\r\n'];
        yield ['5,6\r\n'];
      })();
    const r = await get();
    expect(r).toMatchObject({ status: 200, complete: true, body: 'a,b\r\n1,2\r\n3,4\r\n5,6\r\n' });
    expect(r.headers).toMatchObject({
      'transfer-encoding': 'chunked',
      trailer: 'X-Export-Status, X-Export-Rows',
      'content-type': 'text/csv; charset=utf-8',
    });
    expect(r.trailers).toEqual({ 'x-export-status': 'complete', 'x-export-rows': '3' });
  });

  it('sends the header row and a zero count for an empty export', async () => {
    source = () => [];
    const r = await get();
    expect(r).toMatchObject({
      status: 200,
      complete: true,
      body: 'a,b\r\n',
      trailers: { 'x-export-status': 'complete', 'x-export-rows': '0' },
    });
  });

  it('answers an error, with nothing streamed, when the first batch fails', async () => {
    source = () =>
      (async function* () {
        yield* [];
        throw new Error('database down');
      })();
    const r = await get();
    expect(r).toMatchObject({ status: 500, complete: true, body: '{"status":500}' });
    expect(r.headers['content-type']).toMatch(/problem\+json/);
  });

  it('cuts the connection without the terminating chunk or trailers when a later batch fails', async () => {
    let closed = false;
    source = () =>
      (async function* () {
        try {
          yield ['1,2\r\n'];
          await firstBytes; // the client holds the header and the first row: the response looks well under way
          throw new Error('connection to the database lost');
        } finally {
          closed = true;
        }
      })();
    const r = await get();
    expect(r.status).toBe(200);
    expect(r.body).toBe('a,b\r\n1,2\r\n');
    expect(r.complete).toBe(false);
    expect(r.trailers).toEqual({});
    expect(handlerError).toEqual(new Error('connection to the database lost'));
    expect(closed).toBe(true);
  });
});
