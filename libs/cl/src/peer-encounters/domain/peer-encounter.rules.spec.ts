import type { CodeValidity, CodeView } from '@cairn/platform/code-library';
import { ConflictError, InvalidInputError } from '@cairn/platform/kernel';

import {
  assertNoUnconfirmedOverlap,
  assertPeerAmendable,
  assertPeerDraft,
  peerCodeUnitBasis,
  peerDuration,
  peerUnits,
} from './peer-encounter.rules';

const code = (over: Partial<CodeView> = {}): CodeView => ({
  system: 'HCPCS',
  code: 'H0038',
  shortDescription: 'Peer support',
  unitBasis: 'per_15_minutes',
  minimumMinutes: null,
  maximumMinutes: null,
  effectiveFrom: '2003-01-01',
  effectiveTo: null,
  source: 'national',
  ...over,
});
const valid = (over: Partial<CodeView> = {}): CodeValidity => ({ valid: true, code: code(over) });

function fieldOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof InvalidInputError) return e.errors?.[0]?.field;
    throw e;
  }
  return undefined;
}

describe('peer encounter duration', () => {
  it('is end minus start', () => {
    expect(peerDuration('09:00', '09:53')).toBe(53);
  });
  it('accepts a stated duration that matches the times', () => {
    expect(peerDuration('13:10', '14:00', 50)).toBe(50);
  });
  it('rejects a stated duration that disagrees with the times, naming durationMinutes', () => {
    expect(fieldOf(() => peerDuration('13:10', '14:00', 45))).toBe('durationMinutes');
  });
  it('rejects an end at or before the start, naming endTime', () => {
    expect(fieldOf(() => peerDuration('10:00', '10:00'))).toBe('endTime');
    expect(fieldOf(() => peerDuration('10:00', '09:59'))).toBe('endTime');
  });
  it('rejects malformed times, naming the field', () => {
    expect(fieldOf(() => peerDuration('9:00', '10:00'))).toBe('startTime');
    expect(fieldOf(() => peerDuration('09:00', '24:00'))).toBe('endTime');
  });
});

describe('peer encounter codes', () => {
  it('accepts H0038 and H2017 and returns their unit basis', () => {
    expect(peerCodeUnitBasis('H0038', valid())).toBe('per_15_minutes');
    expect(peerCodeUnitBasis('H2017', valid({ code: 'H2017' }))).toBe('per_15_minutes');
  });
  it('accepts an organization-specific HCPCS code', () => {
    expect(peerCodeUnitBasis('T1016', valid({ code: 'T1016', source: 'organization' }))).toBe('per_15_minutes');
  });
  it('rejects a national HCPCS code that is not a peer code', () => {
    expect(fieldOf(() => peerCodeUnitBasis('H0004', valid({ code: 'H0004' })))).toBe('hcpcsCode');
  });
  it('rejects a CPT code', () => {
    expect(fieldOf(() => peerCodeUnitBasis('90834', valid({ system: 'CPT', code: '90834' })))).toBe('hcpcsCode');
  });
  it('rejects a code the library does not accept on the date, with its message', () => {
    const ended: CodeValidity = { valid: false, reason: 'ended', message: 'H0038 ended on 2020-12-31', code: null };
    expect(() => peerCodeUnitBasis('H0038', ended)).toThrow('H0038 ended on 2020-12-31');
  });
});

describe('peer encounter units', () => {
  const midpoint = { timedUnitRule: 'midpoint', timedUnitMinutes: 15 } as const;
  const whole = { timedUnitRule: 'whole_units', timedUnitMinutes: 15 } as const;
  it('counts a timed code by the jurisdiction rule', () => {
    expect(peerUnits('per_15_minutes', 53, midpoint)).toBe(4);
    expect(peerUnits('per_15_minutes', 53, whole)).toBe(3);
    expect(peerUnits('per_15_minutes', 7, midpoint)).toBe(0);
  });
  it('gives any other unit basis one unit', () => {
    expect(peerUnits('per_encounter', 53, midpoint)).toBe(1);
    expect(peerUnits('per_session', 5, whole)).toBe(1);
  });
});

describe('peer encounter lifecycle', () => {
  it('edits drafts only and amends finalized encounters only', () => {
    expect(() => assertPeerDraft({ status: 'draft' })).not.toThrow();
    expect(() => assertPeerDraft({ status: 'finalized' })).toThrow(ConflictError);
    expect(() => assertPeerAmendable({ status: 'finalized' })).not.toThrow();
    expect(() => assertPeerAmendable({ status: 'draft' })).toThrow(ConflictError);
  });
});

describe('overlapping peer encounters', () => {
  const other = { id: '0b1c7f5e-0000-4000-8000-000000000001', startTime: '09:00', endTime: '10:00', status: 'finalized' };
  it('passes with no overlap, or with one the request confirms', () => {
    expect(() => assertNoUnconfirmedOverlap([], false)).not.toThrow();
    expect(() => assertNoUnconfirmedOverlap([other], true)).not.toThrow();
  });
  it('refuses an unconfirmed overlap with a conflict naming each encounter and the confirmOverlap field', () => {
    let thrown: unknown;
    try {
      assertNoUnconfirmedOverlap([other, { ...other, id: 'second', startTime: '09:30', status: 'draft' }], false);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(ConflictError);
    const err = thrown as ConflictError;
    expect(err.message).toContain(`${other.id} (09:00-10:00, finalized)`);
    expect(err.message).toContain('second (09:30-10:00, draft)');
    expect(err.errors).toEqual([{ field: 'confirmOverlap', message: expect.stringContaining(other.id) }]);
  });
});
