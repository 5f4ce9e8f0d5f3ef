import { pick, rngFor, stableUuid } from './deterministic';

/**
 * The fixed part of the demo data: organizations, sites and staff. Their ids come from their slugs, codes and
 * emails only, never from --seed, so tests and docs can rely on them; only synthetic patients vary with the seed.
 */

export type SeedScale = 'small' | 'medium' | 'large';
export const SEED_SCALES: readonly SeedScale[] = ['small', 'medium', 'large'];

export type OrgSlug = 'sonoran' | 'cascade';
export type SiteCode = 'TUC' | 'PHX' | 'FLG' | 'PDX' | 'SLM';
export type RoleKey =
  | 'clinician'
  | 'peer_specialist'
  | 'supervisor'
  | 'billing_coordinator'
  | 'front_desk'
  | 'treatment_coordinator'
  | 'practice_manager'
  | 'owner'
  | 'hr'
  | 'admin';
export const ROLE_KEYS: readonly RoleKey[] = [
  'clinician',
  'peer_specialist',
  'supervisor',
  'billing_coordinator',
  'front_desk',
  'treatment_coordinator',
  'practice_manager',
  'owner',
  'hr',
  'admin',
];

export const DEMO_PASSWORD = 'demo-password-1';

export interface DemoSite {
  id: string;
  organizationId: string;
  org: OrgSlug;
  code: SiteCode;
  name: string;
  timezone: string;
  /** Where its synthetic patients live. */
  areaCode: string;
  state: string;
  towns: readonly { city: string; zips: readonly string[] }[];
}

export interface DemoOrg {
  id: string;
  slug: OrgSlug;
  name: string;
  timezone: string;
  /** The API's rule (first three letters of the slug, upper-cased), so seeded and registered charts agree. */
  mrnPrefix: string;
  /** Site codes repeated by share: patient i goes to sitePattern[i % length], so every site gets patients. */
  sitePattern: readonly SiteCode[];
  part2Programs: readonly string[];
  sites: readonly DemoSite[];
  /** State whose jurisdiction profile (PF-96) applies: AZ has its own (AHCCCS), OR falls back to the CMS default. */
  jurisdiction: string;
}

export interface DemoBinding {
  org: OrgSlug;
  role: RoleKey;
  /** Sites the binding is limited to; absent means every site of the organization. */
  sites?: readonly SiteCode[];
}

export interface DemoStaff {
  id: string;
  email: string;
  displayName: string;
  bindings: readonly DemoBinding[];
  /** Sites where a clinician or peer specialist carries a caseload. */
  caseload?: readonly SiteCode[];
}

const site = (
  org: OrgSlug,
  code: SiteCode,
  name: string,
  timezone: string,
  locale: Pick<DemoSite, 'areaCode' | 'state' | 'towns'>,
): DemoSite => ({
  id: stableUuid('demo-site', org, code),
  organizationId: stableUuid('demo-org', org),
  org,
  code,
  name,
  timezone,
  ...locale,
});

export const DEMO_SITES = {
  tucsonCentral: site('sonoran', 'TUC', 'Tucson Central', 'America/Phoenix', {
    areaCode: '520',
    state: 'AZ',
    towns: [
      { city: 'Tucson', zips: ['85701', '85705', '85711', '85716', '85719', '85745'] },
      { city: 'Marana', zips: ['85653'] },
      { city: 'Oro Valley', zips: ['85737'] },
    ],
  }),
  phoenixMidtown: site('sonoran', 'PHX', 'Phoenix Midtown', 'America/Phoenix', {
    areaCode: '602',
    state: 'AZ',
    towns: [
      { city: 'Phoenix', zips: ['85004', '85006', '85013', '85015', '85017'] },
      { city: 'Tempe', zips: ['85281', '85282'] },
      { city: 'Mesa', zips: ['85201', '85203'] },
    ],
  }),
  flagstaff: site('sonoran', 'FLG', 'Flagstaff', 'America/Phoenix', {
    areaCode: '928',
    state: 'AZ',
    towns: [
      { city: 'Flagstaff', zips: ['86001', '86004'] },
      { city: 'Williams', zips: ['86046'] },
      { city: 'Winslow', zips: ['86047'] },
    ],
  }),
  portlandEastside: site('cascade', 'PDX', 'Portland Eastside', 'America/Los_Angeles', {
    areaCode: '503',
    state: 'OR',
    towns: [
      { city: 'Portland', zips: ['97202', '97206', '97214', '97215', '97220', '97232'] },
      { city: 'Gresham', zips: ['97030'] },
      { city: 'Milwaukie', zips: ['97222'] },
    ],
  }),
  salem: site('cascade', 'SLM', 'Salem', 'America/Los_Angeles', {
    areaCode: '971',
    state: 'OR',
    towns: [
      { city: 'Salem', zips: ['97301', '97302', '97304', '97305'] },
      { city: 'Keizer', zips: ['97303'] },
      { city: 'Woodburn', zips: ['97071'] },
    ],
  }),
} as const satisfies Record<string, DemoSite>;

export const DEMO_ORGS = {
  sonoran: {
    id: stableUuid('demo-org', 'sonoran'),
    slug: 'sonoran',
    name: 'Sonoran Behavioral Health',
    timezone: 'America/Phoenix',
    mrnPrefix: 'SON',
    sitePattern: ['TUC', 'PHX', 'TUC', 'FLG', 'PHX', 'TUC', 'PHX', 'TUC', 'FLG', 'TUC'],
    part2Programs: ['Opioid Treatment Program', 'Intensive Outpatient SUD Program', 'Adolescent Substance Use Program'],
    sites: [DEMO_SITES.tucsonCentral, DEMO_SITES.phoenixMidtown, DEMO_SITES.flagstaff],
    jurisdiction: 'AZ',
  },
  cascade: {
    id: stableUuid('demo-org', 'cascade'),
    slug: 'cascade',
    name: 'Cascade Recovery Partners',
    timezone: 'America/Los_Angeles',
    mrnPrefix: 'CAS',
    sitePattern: ['PDX', 'SLM', 'PDX', 'PDX', 'SLM'],
    part2Programs: ['Medication-Assisted Recovery Program', 'Outpatient SUD Program', 'Recovery Housing Support Program'],
    sites: [DEMO_SITES.portlandEastside, DEMO_SITES.salem],
    jurisdiction: 'OR',
  },
} as const satisfies Record<OrgSlug, DemoOrg>;

export const DEMO_ORG_LIST: readonly DemoOrg[] = [DEMO_ORGS.sonoran, DEMO_ORGS.cascade];

/** Organization-specific codes (PF-70): a contract code Sonoran bills that the national set here lacks. */
export const DEMO_ORGANIZATION_CODES = [
  {
    id: stableUuid('demo-org-code', 'sonoran', 'HCPCS', 'T1016'),
    organizationId: stableUuid('demo-org', 'sonoran'),
    system: 'HCPCS',
    code: 'T1016',
    effectiveFrom: '2025-01-01',
    effectiveTo: null,
    shortDescription: 'Case management, per 15 minutes (Sonoran health-plan contract)',
    unitBasis: 'per_15_minutes',
  },
] as const;

export function demoSite(org: OrgSlug, code: SiteCode): DemoSite {
  const found = DEMO_ORGS[org].sites.find((s) => s.code === code);
  if (!found) throw new RangeError(`no demo site ${code} in ${org}`);
  return found;
}

const staff = (email: string, displayName: string, bindings: DemoBinding[], caseload?: SiteCode[]): DemoStaff => ({
  id: stableUuid('demo-staff', email),
  email,
  displayName,
  bindings,
  caseload,
});

/** The demo clinician login: primary therapist of a known set of Tucson Central patients, and of no one else. */
export const DEMO_CLINICIAN = { email: 'clinician@sonoran.cairn.test', org: 'sonoran', site: 'TUC' } as const;

/** How many patients per seed have the demo clinician as primary therapist (the first ones at Tucson Central). */
export const DEMO_CLINICIAN_CASELOAD: Record<SeedScale, number> = { small: 8, medium: 24, large: 60 };

/** The consultant clinician holds bindings in both organizations (multi-organization tests). */
export const DEMO_CONSULTANT_EMAIL = 'consultant@cairn.test';

/** Staff present at every scale. */
export const DEMO_STAFF: readonly DemoStaff[] = [
  // Sonoran: the demo logins first.
  staff('admin@sonoran.cairn.test', 'Alma Ruiz', [{ org: 'sonoran', role: 'admin' }]),
  staff('supervisor@sonoran.cairn.test', 'Dr. Samuel Okafor', [{ org: 'sonoran', role: 'supervisor' }]),
  staff('billing@sonoran.cairn.test', 'Beatriz López', [{ org: 'sonoran', role: 'billing_coordinator' }]),
  staff('hr@sonoran.cairn.test', 'Hannah Reyes', [{ org: 'sonoran', role: 'hr' }]),
  staff(DEMO_CLINICIAN.email, 'Cora Whitfield, LPC', [{ org: 'sonoran', role: 'clinician' }], ['TUC']),
  staff('frontdesk@sonoran.cairn.test', 'Felipe Duarte', [{ org: 'sonoran', role: 'front_desk', sites: ['TUC'] }]),
  staff('manager@sonoran.cairn.test', 'Marcus Bell', [{ org: 'sonoran', role: 'practice_manager' }]),
  staff('owner@sonoran.cairn.test', 'Olivia Grant', [{ org: 'sonoran', role: 'owner' }]),
  staff('supervisor.north@sonoran.cairn.test', 'Dr. Nadia Sorensen', [{ org: 'sonoran', role: 'supervisor', sites: ['PHX', 'FLG'] }]),
  staff('coordinator@sonoran.cairn.test', 'Teresa Vance', [{ org: 'sonoran', role: 'treatment_coordinator' }]),
  staff('peer@sonoran.cairn.test', 'Paul Etsitty, CPRS', [{ org: 'sonoran', role: 'peer_specialist' }], ['TUC', 'PHX']),
  staff('peer.flagstaff@sonoran.cairn.test', 'Rosa Begay, CPRS', [{ org: 'sonoran', role: 'peer_specialist', sites: ['FLG'] }], ['FLG']),
  staff('clinician.tucson@sonoran.cairn.test', 'Lucía Moreno, LCSW', [{ org: 'sonoran', role: 'clinician' }], ['TUC']),
  staff('clinician.phoenix@sonoran.cairn.test', 'Dev Patel, LCSW', [{ org: 'sonoran', role: 'clinician' }], ['PHX']),
  staff('clinician.phoenix2@sonoran.cairn.test', 'Grace Kim, LMFT', [{ org: 'sonoran', role: 'clinician' }], ['PHX']),
  staff('clinician.flagstaff@sonoran.cairn.test', 'Ethan Yazzie, LPC', [{ org: 'sonoran', role: 'clinician', sites: ['FLG'] }], ['FLG']),
  staff('frontdesk.phoenix@sonoran.cairn.test', 'Jordan Price', [{ org: 'sonoran', role: 'front_desk', sites: ['PHX'] }]),
  // Cascade.
  staff('admin@cascade.cairn.test', 'Quinn Harper', [{ org: 'cascade', role: 'admin' }]),
  staff('supervisor@cascade.cairn.test', 'Dr. Irene Novak', [{ org: 'cascade', role: 'supervisor' }]),
  staff('billing@cascade.cairn.test', 'Walter Chen', [{ org: 'cascade', role: 'billing_coordinator' }]),
  staff('hr@cascade.cairn.test', 'Priya Nair', [{ org: 'cascade', role: 'hr' }]),
  staff('manager@cascade.cairn.test', 'Ben Adler', [{ org: 'cascade', role: 'practice_manager' }]),
  staff('owner@cascade.cairn.test', 'Eli Marsh', [{ org: 'cascade', role: 'owner' }]),
  staff('frontdesk@cascade.cairn.test', 'Mina Park', [{ org: 'cascade', role: 'front_desk', sites: ['PDX'] }]),
  staff('frontdesk.salem@cascade.cairn.test', 'Oscar Lindgren', [{ org: 'cascade', role: 'front_desk', sites: ['SLM'] }]),
  staff('coordinator@cascade.cairn.test', 'Ivy Brooks', [{ org: 'cascade', role: 'treatment_coordinator' }]),
  staff('clinician@cascade.cairn.test', 'Sofia Lindqvist, LPC', [{ org: 'cascade', role: 'clinician' }], ['PDX']),
  staff('clinician.salem@cascade.cairn.test', 'Aaron Feld, LCSW', [{ org: 'cascade', role: 'clinician' }], ['SLM']),
  staff('peer@cascade.cairn.test', 'Tom Redcloud, CRM', [{ org: 'cascade', role: 'peer_specialist' }], ['PDX', 'SLM']),
  // Works for both organizations.
  staff(
    DEMO_CONSULTANT_EMAIL,
    'Dr. June Albright, PsyD',
    [
      { org: 'sonoran', role: 'clinician' },
      { org: 'cascade', role: 'clinician' },
    ],
    ['TUC', 'PDX'],
  ),
];

export interface DemoLogin {
  id: string;
  email: string;
  org: OrgSlug;
  role: RoleKey;
  /** Site codes the login is limited to, or 'all'. */
  sites: readonly SiteCode[] | 'all';
  displayName: string;
}

const login = (email: string): DemoLogin => {
  const person = DEMO_STAFF.find((s) => s.email === email)!;
  const [binding] = person.bindings;
  return { id: person.id, email, org: binding!.org, role: binding!.role, sites: binding!.sites ?? 'all', displayName: person.displayName };
};

/** The logins the README and `npm start` print; every one has the password DEMO_PASSWORD. */
export const DEMO_LOGINS: readonly DemoLogin[] = [
  'admin@sonoran.cairn.test',
  'supervisor@sonoran.cairn.test',
  'billing@sonoran.cairn.test',
  'hr@sonoran.cairn.test',
  DEMO_CLINICIAN.email,
  'frontdesk@sonoran.cairn.test',
  'manager@sonoran.cairn.test',
  'admin@cascade.cairn.test',
].map(login);

export function demoStaff(email: string): DemoStaff {
  const found = DEMO_STAFF.find((s) => s.email === email);
  if (!found) throw new RangeError(`no demo staff member ${email}`);
  return found;
}

/** Extra clinicians and peer specialists per organization, so caseloads stay plausible at larger scales (large: 50 providers in Sonoran). */
export const EXTRA_CLINICAL_STAFF_PER_ORG: Record<SeedScale, number> = { small: 0, medium: 4, large: 42 };

const STAFF_FIRST = [
  'Adriana',
  'Brian',
  'Carmen',
  'Darius',
  'Esther',
  'Felix',
  'Gabriela',
  'Henry',
  'Ingrid',
  'Jamal',
  'Keiko',
  'Leon',
  'Marisol',
  'Nathan',
  'Opal',
  'Rafael',
  'Selena',
  'Tobias',
  'Uma',
  'Vincent',
];
const STAFF_LAST = [
  'Acosta',
  'Bradley',
  'Chavez',
  'Delgado',
  'Ellison',
  'Fuentes',
  'Gallagher',
  'Holt',
  'Iverson',
  'Jimenez',
  'Kaur',
  'Lowe',
  'Mendoza',
  'Nakai',
  'Ochoa',
  'Pruitt',
  'Quinn',
  'Rhodes',
  'Salazar',
  'Tate',
];
const CREDENTIALS = ['LPC', 'LCSW', 'LMFT', 'LISAC', 'PsyD'];

/** Fixed staff plus, for medium and large, generated clinicians (3 of 4) and peer specialists (1 of 4). */
export function demoStaffForScale(scale: SeedScale): DemoStaff[] {
  const extra: DemoStaff[] = [];
  for (const org of DEMO_ORG_LIST) {
    for (let i = 1; i <= EXTRA_CLINICAL_STAFF_PER_ORG[scale]; i++) {
      // Seed-independent names: the same scale always has the same staff.
      const rng = rngFor('demo-extra-staff', org.slug, i);
      const role: RoleKey = i % 4 === 0 ? 'peer_specialist' : 'clinician';
      const home = org.sites[i % org.sites.length]!.code;
      const n = String(i).padStart(2, '0');
      const email = `${role === 'clinician' ? 'clinician' : 'peer'}.${n}@${org.slug}.cairn.test`;
      const name = `${pick(rng, STAFF_FIRST)} ${pick(rng, STAFF_LAST)}, ${role === 'clinician' ? pick(rng, CREDENTIALS) : 'CPRS'}`;
      extra.push(staff(email, name, [{ org: org.slug, role }], [home]));
    }
  }
  return [...DEMO_STAFF, ...extra];
}
