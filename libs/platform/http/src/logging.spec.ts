import { Writable } from 'node:stream';
import pino from 'pino';

import { pathOf, pinoOptions, redactDeep, REDACTED } from './logging';

class PatientView {
  constructor(
    readonly id: string,
    readonly firstName: string,
  ) {}
}

describe('redactDeep', () => {
  it('redacts PHI keys at any depth, in arrays and class instances, case-insensitively', () => {
    const out = redactDeep({
      patientId: 'p-1',
      a: { b: { c: { d: { e: { LastName: 'Quimby', addressLine1: '1 Main St', ok: 1 } } } } },
      list: [{ dateOfBirth: '1971-02-03' }],
      view: new PatientView('p-2', 'Zebulon'),
    });
    expect(out).toEqual({
      patientId: 'p-1',
      a: { b: { c: { d: { e: { LastName: REDACTED, addressLine1: REDACTED, ok: 1 } } } } },
      list: [{ dateOfBirth: REDACTED }],
      view: { id: 'p-2', firstName: REDACTED },
    });
  });

  it("redacts a peer encounter's focus notes, in the API's and the database's spelling", () => {
    expect(redactDeep({ id: 'e-1', focusNotes: 'relapse plan', row: { focus_notes: 'relapse plan' } })).toEqual({
      id: 'e-1',
      focusNotes: REDACTED,
      row: { focus_notes: REDACTED },
    });
  });

  it('leaves errors, dates and buffers to their serializers and survives cycles', () => {
    const err = new Error('x');
    const date = new Date(0);
    const cyclic: Record<string, unknown> = { name: 'n' };
    cyclic['self'] = cyclic;
    const out = redactDeep({ err, date, cyclic }) as Record<string, unknown>;
    expect(out['err']).toBe(err);
    expect(out['date']).toBe(date);
    expect((out['cyclic'] as Record<string, unknown>)['self']).toBe('[Circular]');
  });
});

describe('pinoOptions', () => {
  it('writes JSON lines with the service and no PHI values', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const log = pino(pinoOptions({ LOG_LEVEL: 'info' }, 'cairn-test'), sink);
    log
      .child({ reqId: 'r-1' })
      .info({ payload: { phone: '602-555-0100', notes: 'private' }, headers: { authorization: 'Bearer t' } }, 'hello');
    const line = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(line).toMatchObject({
      service: 'cairn-test',
      msg: 'hello',
      reqId: 'r-1',
      payload: { phone: REDACTED, notes: REDACTED },
      headers: { authorization: REDACTED },
    });
  });
});

describe('pathOf', () => {
  it('drops the query string', () => {
    expect(pathOf('/api/v1/patients?lastName=Quimby')).toBe('/api/v1/patients');
    expect(pathOf('/health')).toBe('/health');
    expect(pathOf(undefined)).toBe('');
  });
});
