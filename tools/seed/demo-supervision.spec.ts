import { DEMO_ORGS, demoStaff } from './demo-catalogue';
import { DEMO_SUPERVISION_MONTHS, DEMO_SUPERVISION_PAIRS, generateSupervision } from './demo-supervision';
import { demoShift } from './deterministic';

describe('the demo peer supervision', () => {
  const rows = generateSupervision();

  it('is the same on every call, with distinct ids', () => {
    expect(generateSupervision()).toEqual(rows);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it('keeps every rule the API enforces: a peer specialist supervised by a supervisor of the same organization, 1 to 480 minutes, a known modality, recorded by the supervisor', () => {
    for (const r of rows) {
      const pair = DEMO_SUPERVISION_PAIRS.find((p) => demoStaff(p.peer).id === r.peerProviderId)!;
      expect(demoStaff(pair.peer).bindings.some((b) => b.org === pair.org && b.role === 'peer_specialist')).toBe(true);
      expect(demoStaff(pair.supervisor).bindings.some((b) => b.org === pair.org && b.role === 'supervisor')).toBe(true);
      expect(r.organizationId).toBe(DEMO_ORGS[pair.org].id);
      expect(r.supervisorId).not.toBe(r.peerProviderId);
      expect(r.createdBy).toBe(r.supervisorId);
      expect(r.durationMinutes).toBeGreaterThanOrEqual(1);
      expect(r.durationMinutes).toBeLessThanOrEqual(480);
      expect(['individual', 'group', 'telehealth', 'phone']).toContain(r.modality);
      expect(r.supervisionDate < '2026-01-01').toBe(true);
    }
  });

  it('gives every peer supervision in each month but their gap months, so the report shows numbers and gaps', () => {
    for (const pair of DEMO_SUPERVISION_PAIRS) {
      const months = new Set(rows.filter((r) => r.peerProviderId === demoStaff(pair.peer).id).map((r) => r.supervisionDate.slice(0, 7)));
      expect([...months].sort()).toEqual(DEMO_SUPERVISION_MONTHS.filter((m) => !pair.gapMonths.includes(m)));
    }
  });
});

describe('supervision anchored on the demo day', () => {
  it('covers the twelve months before the month of today, gaps kept, ids unchanged', () => {
    const atAnchor = generateSupervision(demoShift('2026-01-01').months);
    expect(atAnchor).toEqual(generateSupervision());
    const later = generateSupervision(demoShift('2026-12-05').months);
    const months = [...new Set(later.map((r) => r.supervisionDate.slice(0, 7)))].sort();
    expect(months[0]).toBe('2025-12');
    expect(months.at(-1)).toBe('2026-11');
    expect(later.map((r) => r.id).sort()).toEqual(atAnchor.map((r) => r.id).sort());
  });
});
