import { DEMO_CLINICIAN, DEMO_CLINICIAN_CASELOAD, DemoOrg, DemoSite, DemoStaff, SeedScale } from './demo-catalogue';
import { addDays, chance, intBetween, pick, Rng, rngFor, stableUuid, weightedPick } from './deterministic';

/** Synthetic patients, charts and care teams: pure functions of (seed, organization, index). No I/O here. */

export const PATIENTS_PER_ORG: Record<SeedScale, number> = { small: 40, medium: 600, large: 10_000 };

/** Every generated date lies before this day, so assignments have started and ended ones are in the past. */
export const REFERENCE_DATE = '2026-01-01';

export interface DemoPatient {
  id: string;
  organizationId: string;
  siteId: string;
  firstName: string;
  middleName: string | null;
  lastName: string;
  preferredName: string | null;
  dateOfBirth: string;
  sexAtBirth: 'female' | 'male' | 'intersex' | 'unknown';
  genderIdentity: string | null;
  pronouns: string | null;
  phone: string;
  email: string | null;
  addressLine1: string;
  city: string;
  state: string;
  postalCode: string;
  status: 'active' | 'inactive';
}

export interface DemoChart {
  id: string;
  patientId: string;
  isPart2: boolean;
  part2ProgramName: string | null;
  status: 'open' | 'closed';
  openedOn: string;
  closedOn: string | null;
}

export type CareTeamRole = 'primary_therapist' | 'case_manager' | 'peer_specialist';

export interface DemoAssignment {
  id: string;
  patientId: string;
  staffUserId: string;
  role: CareTeamRole;
  startedOn: string;
  endedOn: string | null;
}

export interface DemoPatientRecord {
  patient: DemoPatient;
  /** MRN is not here: it is allocated from cl_mrn_counters when the patient is inserted (see seed-demo-data.ts). */
  chart: DemoChart;
  careTeam: DemoAssignment[];
}

const FEMALE = [
  'María',
  'Sofia',
  'Isabella',
  'Camila',
  'Valeria',
  'Guadalupe',
  'Ana',
  'Lucia',
  'Ximena',
  'Elena',
  'Emily',
  'Hannah',
  'Sarah',
  'Jessica',
  'Ashley',
  'Megan',
  'Olivia',
  'Emma',
  'Abigail',
  'Madison',
  'Keisha',
  'Aaliyah',
  'Imani',
  'Destiny',
  'Jasmine',
  'Mei',
  'Linh',
  'Priya',
  'Aiyana',
  'Winona',
  'Shandiin',
  'Nizhoni',
  'Leilani',
  'Fatima',
  'Amira',
  'Ruth',
  'Dolores',
  'Brenda',
  'Tamara',
  'Renée',
  'Zoë',
  'Chloe',
  'Grace',
  'Nora',
  'Hazel',
  'Ivy',
  'Julia',
  'Rosa',
];
const MALE = [
  'José',
  'Juan',
  'Luis',
  'Carlos',
  'Miguel',
  'Alejandro',
  'Diego',
  'Mateo',
  'Santiago',
  'Javier',
  'Michael',
  'James',
  'David',
  'Robert',
  'Daniel',
  'Matthew',
  'Tyler',
  'Ethan',
  'Noah',
  'Liam',
  'Caleb',
  'Andre',
  'Darnell',
  'Malik',
  'Jamal',
  'Terrence',
  'Wei',
  'Minh',
  'Hiroshi',
  'Arjun',
  'Kai',
  'Nathaniel',
  'Dakota',
  'Cody',
  'Travis',
  'Dustin',
  'Omar',
  'Hassan',
  'Samuel',
  'Elijah',
  'Isaac',
  'Aaron',
  'Marcus',
  'Raymond',
  'Francisco',
  'Héctor',
];
const LAST = [
  'Garcia',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Rodriguez',
  'Perez',
  'Sanchez',
  'Ramirez',
  'Torres',
  'Flores',
  'Rivera',
  'Gomez',
  'Diaz',
  'Morales',
  'Ortiz',
  'Castillo',
  'Romero',
  'Vásquez',
  'Núñez',
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Miller',
  'Davis',
  'Wilson',
  'Anderson',
  'Taylor',
  'Thomas',
  'Moore',
  'Jackson',
  'Martin',
  'Lee',
  'Thompson',
  'White',
  'Harris',
  'Clark',
  'Lewis',
  'Walker',
  'Hall',
  'Young',
  'King',
  'Wright',
  'Scott',
  'Green',
  'Baker',
  'Adams',
  'Nelson',
  'Begay',
  'Yazzie',
  'Benally',
  'Tsosie',
  'Nez',
  'Manuelito',
  'Attakai',
  'Nguyen',
  'Tran',
  'Chen',
  'Wang',
  'Kim',
  'Patel',
  'Singh',
  'Nakamura',
  "O'Brien",
  'Murphy',
  'Sullivan',
  'Olson',
  'Larson',
  'Johansson',
  'Peterson',
  'Hansen',
  'Schmidt',
  'Kowalski',
  'Novak',
  'Okafor',
  'Mensah',
  'Washington',
  'Dubois',
  'Rossi',
  'Fitzgerald',
  'Ahmed',
  'Haddad',
];
const NICKNAMES: Record<string, string> = {
  Alejandro: 'Alex',
  Michael: 'Mike',
  Robert: 'Bobby',
  Matthew: 'Matt',
  Nathaniel: 'Nate',
  Samuel: 'Sam',
  Francisco: 'Paco',
  Guadalupe: 'Lupe',
  Elena: 'Lena',
  Abigail: 'Abby',
  Jessica: 'Jess',
  Dolores: 'Lola',
  Isabella: 'Bella',
  Madison: 'Maddie',
};
const STREETS = [
  'Mesquite',
  'Saguaro',
  'Palo Verde',
  'Ironwood',
  'Juniper',
  'Cedar',
  'Alder',
  'Hawthorne',
  'Division',
  'Belmont',
  'Willow',
  'Aspen',
  'Ponderosa',
  'Cottonwood',
  'Sycamore',
  'Ocotillo',
];
const STREET_KINDS = ['St', 'Ave', 'Rd', 'Dr', 'Ln', 'Way', 'Blvd', 'Ct'];

/** Which site patient i belongs to, and its ordinal among that site's patients (0-based). */
function siteOf(org: DemoOrg, index: number): { site: DemoSite; ordinal: number } {
  const pattern = org.sitePattern;
  const code = pattern[index % pattern.length]!;
  const perCycle = pattern.filter((c) => c === code).length;
  const before = pattern.slice(0, index % pattern.length).filter((c) => c === code).length;
  const site = org.sites.find((s) => s.code === code)!;
  return { site, ordinal: Math.floor(index / pattern.length) * perCycle + before };
}

function holdsRole(person: DemoStaff, org: DemoOrg, role: string): boolean {
  return person.bindings.some((b) => b.org === org.slug && b.role === role);
}

interface StaffPools {
  demoClinician: DemoStaff | undefined;
  /** Clinicians with a caseload at the site, the demo clinician excluded (they get only their known subset). */
  clinicians: (site: DemoSite) => DemoStaff[];
  peers: (site: DemoSite) => DemoStaff[];
  coordinators: DemoStaff[];
}

function pools(org: DemoOrg, staff: readonly DemoStaff[]): StaffPools {
  const clinicians = staff.filter((p) => holdsRole(p, org, 'clinician') && p.email !== DEMO_CLINICIAN.email);
  const peers = staff.filter((p) => holdsRole(p, org, 'peer_specialist'));
  const atSite = (list: DemoStaff[], s: DemoSite) => {
    const local = list.filter((p) => p.caseload?.includes(s.code));
    return local.length > 0 ? local : list;
  };
  return {
    demoClinician: org.slug === DEMO_CLINICIAN.org ? staff.find((p) => p.email === DEMO_CLINICIAN.email) : undefined,
    clinicians: (s) => atSite(clinicians, s),
    peers: (s) => atSite(peers, s),
    coordinators: staff.filter((p) => holdsRole(p, org, 'treatment_coordinator')),
  };
}

function dateOfBirth(rng: Rng): string {
  // One in ten is an adolescent (13-17); adults are 18-80 on the reference date.
  const age = chance(rng, 0.1) ? intBetween(rng, 13, 17) : intBetween(rng, 18, 80);
  const birthday = addDays(REFERENCE_DATE, -intBetween(rng, 1, 364));
  return `${Number(birthday.slice(0, 4)) - age}${birthday.slice(4)}`;
}

function identity(rng: Rng, sex: DemoPatient['sexAtBirth']): { genderIdentity: string | null; pronouns: string | null } {
  const roll = rng();
  if (roll < 0.55) return { genderIdentity: null, pronouns: null };
  if (roll < 0.92 && (sex === 'female' || sex === 'male')) {
    return sex === 'female' ? { genderIdentity: 'Woman', pronouns: 'she/her' } : { genderIdentity: 'Man', pronouns: 'he/him' };
  }
  return pick(rng, [
    { genderIdentity: 'Non-binary', pronouns: 'they/them' },
    { genderIdentity: 'Transgender woman', pronouns: 'she/her' },
    { genderIdentity: 'Transgender man', pronouns: 'he/him' },
    { genderIdentity: 'Genderqueer', pronouns: 'they/them' },
    { genderIdentity: 'Two-Spirit', pronouns: 'they/them' },
  ]);
}

const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

/** Generates patients [from, to) of one organization for one seed. */
export function generatePatients(opts: {
  org: DemoOrg;
  staff: readonly DemoStaff[];
  scale: SeedScale;
  seed: number;
  from: number;
  to: number;
}): DemoPatientRecord[] {
  const { org, seed } = opts;
  const staffPools = pools(org, opts.staff);
  const caseload = DEMO_CLINICIAN_CASELOAD[opts.scale];
  const records: DemoPatientRecord[] = [];
  for (let i = opts.from; i < opts.to; i++) {
    const rng = rngFor('demo-patient', seed, org.slug, i);
    const id = stableUuid('demo-patient', seed, org.slug, i);
    const uid = (kind: string) => stableUuid(`demo-${kind}`, seed, org.slug, i);
    const { site, ordinal } = siteOf(org, i);
    const known = staffPools.demoClinician !== undefined && site.code === DEMO_CLINICIAN.site && ordinal < caseload;

    const sexAtBirth = weightedPick<DemoPatient['sexAtBirth']>(rng, [
      ['female', 52],
      ['male', 46],
      ['intersex', 0.5],
      ['unknown', 1.5],
    ]);
    const firstNames = sexAtBirth === 'male' ? MALE : sexAtBirth === 'female' ? FEMALE : pick(rng, [MALE, FEMALE]);
    const firstName = pick(rng, firstNames);
    const lastName = chance(rng, 0.08) ? `${pick(rng, LAST)}-${pick(rng, LAST)}` : pick(rng, LAST);
    const middleName = chance(rng, 0.4)
      ? pick(
          rng,
          firstNames.filter((n) => n !== firstName),
        )
      : null;
    const preferredName = NICKNAMES[firstName] && chance(rng, 0.5) ? NICKNAMES[firstName]! : null;
    const town = pick(rng, site.towns);

    // Intake between 2022-01-01 and 2025-06-30; every later date stays before REFERENCE_DATE.
    const intake = addDays('2022-01-01', intBetween(rng, 0, 1276));
    const discharged = !known && chance(rng, 0.04);
    const dischargedOn = discharged ? addDays(intake, intBetween(rng, 60, 180)) : null;
    const isPart2 = chance(rng, 0.2);

    const patient: DemoPatient = {
      id,
      organizationId: org.id,
      siteId: site.id,
      firstName,
      middleName,
      lastName,
      preferredName,
      dateOfBirth: dateOfBirth(rng),
      sexAtBirth,
      ...identity(rng, sexAtBirth),
      // 555-01xx is reserved for fiction.
      phone: `${site.areaCode}-555-01${String(intBetween(rng, 0, 99)).padStart(2, '0')}`,
      email: chance(rng, 0.7) ? `${ascii(firstName)}.${ascii(lastName)}${intBetween(rng, 1, 999)}@example.com` : null,
      addressLine1:
        `${intBetween(rng, 100, 9899)} ${pick(rng, ['N', 'S', 'E', 'W', ''])} ${pick(rng, STREETS)} ${pick(rng, STREET_KINDS)}`.replace(
          /\s+/g,
          ' ',
        ),
      city: town.city,
      state: site.state,
      postalCode: pick(rng, town.zips),
      status: discharged ? 'inactive' : 'active',
    };
    const chart: DemoChart = {
      id: uid('chart'),
      patientId: id,
      isPart2,
      part2ProgramName: isPart2 ? pick(rng, org.part2Programs) : null,
      status: discharged ? 'closed' : 'open',
      openedOn: intake,
      closedOn: dischargedOn,
    };

    const careTeam: DemoAssignment[] = [];
    const assign = (kind: string, staffUserId: string, role: CareTeamRole, startedOn: string, endedOn: string | null) =>
      careTeam.push({ id: uid(`care-team-${kind}`), patientId: id, staffUserId, role, startedOn, endedOn: endedOn ?? dischargedOn });

    const candidates = staffPools.clinicians(site);
    const therapist = known ? staffPools.demoClinician! : candidates.length > 0 ? pick(rng, candidates) : undefined;
    if (therapist) {
      // About one in ten changed therapist once: the earlier assignment ended the day before the handover.
      const previous = !known && !discharged && chance(rng, 0.1) ? candidates.filter((c) => c.id !== therapist.id) : [];
      if (previous.length > 0) {
        const handover = addDays(intake, intBetween(rng, 30, 180));
        assign('primary-previous', pick(rng, previous).id, 'primary_therapist', intake, addDays(handover, -1));
        assign('primary', therapist.id, 'primary_therapist', handover, null);
      } else {
        assign('primary', therapist.id, 'primary_therapist', intake, null);
      }
    }
    // The demo clinician's patients get no one else, so their care teams stay easy to reason about in tests.
    const peers = staffPools.peers(site);
    if (!known && peers.length > 0 && chance(rng, isPart2 ? 0.7 : 0.25)) {
      assign('peer', pick(rng, peers).id, 'peer_specialist', addDays(intake, intBetween(rng, 0, 60)), null);
    }
    if (!known && staffPools.coordinators.length > 0 && chance(rng, 0.15)) {
      assign('case-manager', pick(rng, staffPools.coordinators).id, 'case_manager', intake, null);
    }
    records.push({ patient, chart, careTeam });
  }
  return records;
}
