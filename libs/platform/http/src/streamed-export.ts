import type { Response } from 'express';

/** HTTP trailer sent after the last row of a streamed export: `complete` (a failed export never gets this far). */
export const EXPORT_STATUS_TRAILER = 'X-Export-Status';
/** HTTP trailer with the number of data rows sent (the header row not counted). */
export const EXPORT_ROWS_TRAILER = 'X-Export-Rows';

export interface StreamedExport {
  /** The attachment's file name (ASCII, no quotes). */
  filename: string;
  /** Header line(s), written before the first batch (CSV: the column names and CRLF). */
  header: string;
  /** Batches of rows, each row a complete line. Pulled one at a time, so a database page is read only when the client has taken the previous one. */
  batches: AsyncIterable<readonly string[]> | Iterable<readonly string[]>;
  /** Defaults to CSV. */
  contentType?: string;
}

/** Thrown when the client went away mid-export (nothing to answer; the caller need not log it as a failure). */
export class ExportAbortedError extends Error {}

function writeChunk(res: Response, chunk: string): Promise<void> {
  if (chunk === '') return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    if (res.destroyed) return reject(new ExportAbortedError('the client closed the connection'));
    if (res.write(chunk)) return resolve();
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      if (res.destroyed && !res.writableFinished) reject(new ExportAbortedError('the client closed the connection'));
      else resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}

/**
 * Streams an export so that a failure can never pass for a complete file:
 *
 * - The first batch is pulled **before** the status line: an error there (a bad filter, the database down)
 *   propagates to the caller and becomes a normal problem+json answer, with nothing sent yet.
 * - Then 200 with `Transfer-Encoding: chunked` and `Trailer: X-Export-Status, X-Export-Rows`; after the last
 *   row the trailers say `complete` and the row count, then the terminating chunk.
 * - A failure after the first byte destroys the connection without the terminating chunk, so every HTTP/1.1
 *   client reports an incomplete response (curl: "transfer closed with outstanding read data remaining",
 *   fetch/undici: a terminated body), and the `complete` trailer never arrives. The error is rethrown (the
 *   problem filter logs it and, the headers being gone, only closes the stream).
 *
 * An HTTP/1.0 client gets neither chunks nor trailers (the connection closing ends its body), so it cannot tell
 * a cut export from a complete one: HTTP/1.1 is the supported contract.
 */
export async function sendStreamedExport(res: Response, exp: StreamedExport): Promise<number> {
  const source = exp.batches;
  const it: AsyncIterator<readonly string[]> | Iterator<readonly string[]> =
    Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : source[Symbol.iterator]();
  let next = await it.next(); // before any byte: a failure here is an ordinary error response

  const chunked = res.useChunkedEncodingByDefault; // false for an HTTP/1.0 request: no chunks, no trailers
  res.status(200);
  res.setHeader('Content-Type', exp.contentType ?? 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${exp.filename}"`);
  res.setHeader('Cache-Control', 'no-store');
  if (chunked) res.setHeader('Trailer', `${EXPORT_STATUS_TRAILER}, ${EXPORT_ROWS_TRAILER}`);

  let rows = 0;
  try {
    await writeChunk(res, exp.header);
    while (!next.done) {
      rows += next.value.length;
      await writeChunk(res, next.value.join(''));
      next = await it.next();
    }
  } catch (e) {
    res.destroy(); // no terminating chunk: the client sees an incomplete response, never a short "complete" file
    await Promise.resolve(it.return?.()).catch(() => undefined);
    throw e;
  }
  if (chunked) res.addTrailers({ [EXPORT_STATUS_TRAILER]: 'complete', [EXPORT_ROWS_TRAILER]: String(rows) });
  res.end();
  return rows;
}
