import type { Response } from 'express';

import { sendStreamedExport } from './streamed-export';

/** A CSV cell's value: null and undefined are empty cells, objects are written as JSON, anything else as text. */
export type CsvValue = unknown;

/**
 * One RFC 4180 field. A string that starts with =, +, -, @, a tab or a carriage return is prefixed with ' so a
 * spreadsheet never runs it as a formula (numbers are written as they are: -1 is a number, not a formula).
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  let s: string;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') s = String(value);
  else {
    const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
    s = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  }
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line, CRLF-terminated. */
export const csvLine = (values: readonly CsvValue[]): string => values.map(csvField).join(',') + '\r\n';

export interface CsvExport {
  /** The attachment's file name (ASCII, no quotes). */
  filename: string;
  /** The header row's column names. */
  columns: readonly string[];
  /** Batches of rows (each row its cells' values), pulled one at a time; see `sendStreamedExport`. */
  rows: AsyncIterable<readonly (readonly CsvValue[])[]> | Iterable<readonly (readonly CsvValue[])[]>;
}

async function* lines(rows: CsvExport['rows']): AsyncGenerator<string[]> {
  for await (const batch of rows) yield batch.map(csvLine);
}

/**
 * Every CSV export of the API: a header row, then the rows, streamed with the export trailers
 * (`sendStreamedExport`: a failure before the first byte is an ordinary problem answer, one after it cuts the
 * response short). Resolves to the number of data rows sent.
 */
export function streamCsv(res: Response, exp: CsvExport): Promise<number> {
  return sendStreamedExport(res, { filename: exp.filename, header: csvLine(exp.columns), batches: lines(exp.rows) });
}
