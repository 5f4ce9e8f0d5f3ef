import { SESSION_CATEGORIES } from '@cairn/platform/workforce';

import { demoStaffForScale } from './demo-catalogue';
import { APPOINTMENTS_PER_ORG, DEMO_SERVICE_TYPES } from './demo-sessions';

describe('demo sessions', () => {
  it('maps every demo service type to a non-clinical category, with peer types for peer specialists', () => {
    for (const t of DEMO_SERVICE_TYPES) expect(SESSION_CATEGORIES).toContain(t.category);
    expect(DEMO_SERVICE_TYPES.filter((t) => t.peer).every((t) => t.category === 'Peer Support')).toBe(true);
  });

  it('gives the large scale an organization with 50 providers and over a million appointments', () => {
    expect(APPOINTMENTS_PER_ORG.large.sonoran).toBeGreaterThanOrEqual(1_000_000 / 0.85);
    const providers = demoStaffForScale('large').filter(
      (s) => s.caseload?.length && s.bindings.some((b) => b.org === 'sonoran' && (b.role === 'clinician' || b.role === 'peer_specialist')),
    );
    expect(providers).toHaveLength(50);
  });
});
