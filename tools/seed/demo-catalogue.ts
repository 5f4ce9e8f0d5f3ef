import { stableUuid } from './deterministic';

/**
 * The fixed part of the demo data: organizations, sites and staff. Their ids do not depend on --seed, so
 * tests and docs can rely on them; only the synthetic patients vary with the seed.
 */
export interface DemoSite {
  id: string;
  code: string;
  name: string;
}
export interface DemoOrg {
  id: string;
  slug: 'sonoran' | 'cascade';
  name: string;
  mrnPrefix: string;
  timezone: string;
  sites: DemoSite[];
}
export interface DemoStaff {
  id: string;
  email: string;
  displayName: string;
  bindings: { org: DemoOrg['slug']; role: string; sites?: string[] }[];
  /** Site codes where a clinician or peer carries a caseload. */
  caseloadSites?: Partial<Record<DemoOrg['slug'], string[]>>;
}

const site = (org: string, code: string, name: string): DemoSite => ({ id: stableUuid(`site:${org}:${code}`), code, name });

export const DEMO_ORGS: DemoOrg[] = [
  {
    id: stableUuid('org:sonoran'),
    slug: 'sonoran',
    name: 'Sonoran Behavioral Health',
    mrnPrefix: 'SON',
    timezone: 'America/Phoenix',
    sites: [site('sonoran', 'TUC', 'Tucson Central'), site('sonoran', 'PHX', 'Phoenix Midtown'), site('sonoran', 'FLG', 'Flagstaff')],
  },
  {
    id: stableUuid('org:cascade'),
    slug: 'cascade',
    name: 'Cascade Recovery Partners',
    mrnPrefix: 'CAS',
    timezone: 'America/Los_Angeles',
    sites: [site('cascade', 'PDX', 'Portland Eastside'), site('cascade', 'SLM', 'Salem')],
  },
];

const staff = (email: string, displayName: string, bindings: DemoStaff['bindings'], caseloadSites?: DemoStaff['caseloadSites']): DemoStaff => ({
  id: stableUuid(`staff:${email}`),
  email,
  displayName,
  bindings,
  caseloadSites,
});

export const DEMO_STAFF: DemoStaff[] = [
  // Sonoran: the demo logins first.
  staff('admin@sonoran.cairn.test', 'Alma Ruiz (Admin)', [{ org: 'sonoran', role: 'admin' }]),
  staff('supervisor@sonoran.cairn.test', 'Dr. Samuel Okafor', [{ org: 'sonoran', role: 'supervisor' }]),
  staff('billing@sonoran.cairn.test', 'Beatriz Lopez', [{ org: 'sonoran', role: 'billing_coordinator' }]),
  staff('hr@sonoran.cairn.test', 'Hannah Reyes', [{ org: 'sonoran', role: 'hr' }]),
  staff('clinician@sonoran.cairn.test', 'Cora Whitfield, LPC', [{ org: 'sonoran', role: 'clinician' }], { sonoran: ['TUC'] }),
  staff('frontdesk@sonoran.cairn.test', 'Felipe Duarte', [{ org: 'sonoran', role: 'front_desk', sites: ['TUC'] }]),
  staff('manager@sonoran.cairn.test', 'Marcus Bell', [{ org: 'sonoran', role: 'practice_manager' }]),
  staff('owner@sonoran.cairn.test', 'Olivia Grant', [{ org: 'sonoran', role: 'owner' }]),
  staff('supervisor.north@sonoran.cairn.test', 'Dr. Nadia Sorensen', [{ org: 'sonoran', role: 'supervisor', sites: ['PHX', 'FLG'] }]),
  staff('coordinator@sonoran.cairn.test', 'Teresa Vance', [{ org: 'sonoran', role: 'treatment_coordinator' }]),
  staff('peer@sonoran.cairn.test', 'Paul Etsitty, CPRS', [{ org: 'sonoran', role: 'peer_specialist' }], { sonoran: ['TUC', 'PHX'] }),
  staff('peer.north@sonoran.cairn.test', 'Rosa Begay, CPRS', [{ org: 'sonoran', role: 'peer_specialist', sites: ['FLG'] }], { sonoran: ['FLG'] }),
  staff('clinician.phx@sonoran.cairn.test', 'Dev Patel, LCSW', [{ org: 'sonoran', role: 'clinician' }], { sonoran: ['PHX'] }),
  staff('clinician.phx2@sonoran.cairn.test', 'Grace Kim, LMFT', [{ org: 'sonoran', role: 'clinician' }], { sonoran: ['PHX'] }),
  staff('clinician.flg@sonoran.cairn.test', 'Ethan Yazzie, LPC', [{ org: 'sonoran', role: 'clinician' }], { sonoran: ['FLG'] }),
  staff('clinician.tuc2@sonoran.cairn.test', 'Lucia Moreno, LCSW', [{ org: 'sonoran', role: 'clinician' }], { sonoran: ['TUC'] }),
  staff('frontdesk.phx@sonoran.cairn.test', 'Jordan Price', [{ org: 'sonoran', role: 'front_desk', sites: ['PHX'] }]),
  // Cascade.
  staff('admin@cascade.cairn.test', 'Quinn Harper (Admin)', [{ org: 'cascade', role: 'admin' }]),
  staff('supervisor@cascade.cairn.test', 'Dr. Irene Novak', [{ org: 'cascade', role: 'supervisor' }]),
  staff('billing@cascade.cairn.test', 'Walter Chen', [{ org: 'cascade', role: 'billing_coordinator' }]),
  staff('hr@cascade.cairn.test', 'Priya Nair', [{ org: 'cascade', role: 'hr' }]),
  staff('manager@cascade.cairn.test', 'Ben Adler', [{ org: 'cascade', role: 'practice_manager' }]),
  staff('frontdesk@cascade.cairn.test', 'Mina Park', [{ org: 'cascade', role: 'front_desk' }]),
  staff('clinician@cascade.cairn.test', 'Sofia Lindqvist, LPC', [{ org: 'cascade', role: 'clinician' }], { cascade: ['PDX'] }),
  staff('clinician.salem@cascade.cairn.test', 'Aaron Feld, LCSW', [{ org: 'cascade', role: 'clinician' }], { cascade: ['SLM'] }),
  staff('peer@cascade.cairn.test', 'Tom Redcloud, CRM', [{ org: 'cascade', role: 'peer_specialist' }], { cascade: ['PDX', 'SLM'] }),
  staff('coordinator@cascade.cairn.test', 'Ivy Brooks', [{ org: 'cascade', role: 'treatment_coordinator' }]),
  staff('owner@cascade.cairn.test', 'Eli Marsh', [{ org: 'cascade', role: 'owner' }]),
  // A consultant psychiatrist-therapist who works for both organizations (multi-organization user).
  staff('consultant@cairn.test', 'Dr. June Albright', [{ org: 'sonoran', role: 'clinician' }, { org: 'cascade', role: 'clinician' }], { sonoran: ['TUC'], cascade: ['PDX'] }),
];

export const DEMO_PASSWORD = 'demo-password-1';

/** The logins README and `npm start` print. */
export const DEMO_LOGINS = [
  'admin@sonoran.cairn.test',
  'supervisor@sonoran.cairn.test',
  'billing@sonoran.cairn.test',
  'hr@sonoran.cairn.test',
  'clinician@sonoran.cairn.test',
  'frontdesk@sonoran.cairn.test',
  'manager@sonoran.cairn.test',
  'admin@cascade.cairn.test',
] as const;
