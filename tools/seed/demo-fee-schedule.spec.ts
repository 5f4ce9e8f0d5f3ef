import { DEMO_ORGS } from './demo-catalogue';
import { DEMO_FEE_SCHEDULE } from './demo-fee-schedule';

describe('the demo fee schedule', () => {
  it('has stable, distinct ids', () => {
    expect(new Set(DEMO_FEE_SCHEDULE.map((e) => e.id)).size).toBe(DEMO_FEE_SCHEDULE.length);
  });

  it('never has two entries of one key in effect on the same day (the API would refuse them)', () => {
    const key = (e: (typeof DEMO_FEE_SCHEDULE)[number]) => `${e.organizationId}|${e.code}|${e.modifierMatch}|${e.modifiers.join('+')}`;
    for (const a of DEMO_FEE_SCHEDULE) {
      for (const b of DEMO_FEE_SCHEDULE) {
        if (a === b || key(a) !== key(b)) continue;
        const overlap =
          (a.effectiveTo === null || a.effectiveTo >= b.effectiveFrom) && (b.effectiveTo === null || b.effectiveTo >= a.effectiveFrom);
        expect({ a: a.id, b: b.id, overlap }).toEqual({ a: a.id, b: b.id, overlap: false });
      }
    }
  });

  it('leaves Sonoran without an entry for H2017, so the demo shows a charge on hold', () => {
    const sonoran = DEMO_FEE_SCHEDULE.filter((e) => e.organizationId === DEMO_ORGS.sonoran.id).map((e) => e.code);
    expect(sonoran).toEqual(expect.arrayContaining(['90853', '90849', 'H0005', 'H0038']));
    expect(sonoran).not.toContain('H2017');
  });
});
