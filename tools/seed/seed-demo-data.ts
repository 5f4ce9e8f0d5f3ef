import { Algorithm, hash } from '@node-rs/argon2';
import { Client } from 'pg';
import { DEMO_ORGS, DEMO_PASSWORD, DEMO_STAFF, DemoOrg } from './demo-catalogue';
import { pick, prng, stableUuid } from './deterministic';

export type SeedScale = 'small' | 'medium' | 'large';
export const PATIENTS_PER_ORG: Record<SeedScale, number> = { small: 40, medium: 600, large: 10_000 };

export interface SeedOptions {
  ownerUrl: string;
  scale: SeedScale;
  seed?: number;
  onProgress?: (message: string) => void;
}

export interface SeedSummary {
  organizations: number;
  sites: number;
  staff: number;
  roleBindings: number;
  patients: number;
  careTeamAssignments: number;
}

const FIRST = ['Ana', 'Luis', 'Maya', 'Noah', 'Elena', 'Jamal', 'Aiyana', 'Wei', 'Grace', 'Diego', 'Fatima', 'Owen', 'Leilani', 'Mateo', 'Priya', 'Caleb', 'Nia', 'Hector', 'Sara', 'Tyler', 'Rosa', 'Kai', 'Imani', 'Jonah', 'Lena', 'Omar', 'Ruth', 'Santiago', 'Talia', 'Victor'];
const LAST = ['Alvarez', 'Begay', 'Carter', 'Dominguez', 'Eriksen', 'Flores', 'Gutierrez', 'Hughes', 'Ibarra', 'Jensen', 'Kowalski', 'Lee', 'Martinez', 'Nakamura', 'Ortiz', 'Peterson', 'Quintana', 'Ramirez', 'Silva', 'Tsosie', 'Underwood', 'Valdez', 'Whitehorse', 'Xiong', 'Young', 'Zamora', 'Brooks', 'Castillo', 'Nguyen', 'Okoro'];
const CITY: Record<string, string[]> = { TUC: ['Tucson', 'Marana', 'Oro Valley'], PHX: ['Phoenix', 'Tempe', 'Mesa'], FLG: ['Flagstaff', 'Williams'], PDX: ['Portland', 'Gresham'], SLM: ['Salem', 'Keizer'] };
const STATE: Record<DemoOrg['slug'], string> = { sonoran: 'AZ', cascade: 'OR' };
const PART2_PROGRAMS = ['Outpatient SUD program', 'Opioid treatment program', 'Intensive outpatient (SUD)'];
const BATCH = 1000;

const day = (base: string, offsetDays: number) => new Date(Date.parse(`${base}T00:00:00Z`) + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * Loads deterministic synthetic demo data as the owner role. Idempotent: every insert is ON CONFLICT DO
 * NOTHING on a stable id, so running it again changes nothing; a different --seed adds a different set of
 * synthetic patients to the same organizations, sites and staff.
 */
export async function seedDemoData(opts: SeedOptions): Promise<SeedSummary> {
  const seed = opts.seed ?? 1;
  const progress = opts.onProgress ?? (() => undefined);
  const client = new Client({ connectionString: opts.ownerUrl });
  await client.connect();
  try {
    const passwordHash = await hash(DEMO_PASSWORD, { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });
    await client.query('BEGIN');
    for (const org of DEMO_ORGS) {
      await client.query('INSERT INTO pf_organizations (id, name, slug, timezone) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [org.id, org.name, org.slug, org.timezone]);
      for (const s of org.sites) {
        await client.query('INSERT INTO pf_sites (organization_id, id, code, name, timezone) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING', [org.id, s.id, s.code, s.name, org.timezone]);
      }
    }
    for (const person of DEMO_STAFF) {
      await client.query('INSERT INTO pf_staff_users (id, email, display_name, password_hash) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [person.id, person.email, person.displayName, passwordHash]);
      for (const b of person.bindings) {
        const org = DEMO_ORGS.find((o) => o.slug === b.org)!;
        const siteIds = (b.sites ?? []).map((code) => org.sites.find((s) => s.code === code)!.id);
        await client.query(
          'INSERT INTO pf_role_bindings (organization_id, id, staff_user_id, role_key, all_sites, site_ids) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
          [org.id, stableUuid(`binding:${org.slug}:${person.email}:${b.role}`), person.id, b.role, siteIds.length === 0, siteIds],
        );
      }
    }
    await client.query('COMMIT');
    progress(`organizations, sites and ${DEMO_STAFF.length} staff ready`);

    const perOrg = PATIENTS_PER_ORG[opts.scale];
    for (const org of DEMO_ORGS) {
      const rand = prng(seed * 7919 + (org.slug === 'sonoran' ? 1 : 2));
      const clinicians = (code: string) => DEMO_STAFF.filter((p) => p.bindings.some((b) => b.org === org.slug && b.role === 'clinician') && p.caseloadSites?.[org.slug]?.includes(code));
      const peers = (code: string) => DEMO_STAFF.filter((p) => p.bindings.some((b) => b.org === org.slug && b.role === 'peer_specialist') && p.caseloadSites?.[org.slug]?.includes(code));
      const mrnBase = (seed - 1) * 1_000_000;
      for (let start = 0; start < perOrg; start += BATCH) {
        const patients: unknown[][] = [];
        const charts: unknown[][] = [];
        const team: unknown[][] = [];
        for (let i = start; i < Math.min(perOrg, start + BATCH); i++) {
          const id = stableUuid(`patient:${seed}:${org.slug}:${i}`);
          const s = org.sites[i % org.sites.length]!;
          const first = pick(rand, FIRST);
          const last = pick(rand, LAST);
          const adolescent = rand() < 0.1;
          const age = adolescent ? 13 + Math.floor(rand() * 5) : 18 + Math.floor(rand() * 62);
          const dob = day(`${2026 - age}-01-01`, Math.floor(rand() * 365));
          const sex = pick(rand, ['female', 'male', 'female', 'male', 'intersex', 'unknown'] as const);
          patients.push([
            org.id, id, s.id, first, last, dob, sex, `520-555-${String(1000 + (i % 9000)).padStart(4, '0')}`,
            `${first}.${last}${i}@example.test`.toLowerCase(), `${100 + (i % 900)} ${pick(rand, ['Mesquite', 'Cedar', 'Juniper', 'Alder', 'Palo Verde'])} St`,
            pick(rand, CITY[s.code] ?? ['']), STATE[org.slug],
          ]);
          const part2 = i % 5 === 0;
          charts.push([org.id, stableUuid(`chart:${seed}:${org.slug}:${i}`), id, `${org.mrnPrefix}-${String(mrnBase + i + 1).padStart(6, '0')}`, part2, part2 ? pick(rand, PART2_PROGRAMS) : null, day('2024-01-01', i % 700)]);
          const siteClinicians = clinicians(s.code);
          const therapist = siteClinicians[Math.floor(i / org.sites.length) % Math.max(siteClinicians.length, 1)];
          if (therapist) {
            const opened = day('2025-01-01', i % 300);
            if (i % 10 === 7) {
              // A previous primary therapist whose assignment ended.
              const previous = siteClinicians.find((c) => c.id !== therapist.id) ?? DEMO_STAFF.find((p) => p.email === 'consultant@cairn.test')!;
              team.push([org.id, stableUuid(`team:${seed}:${org.slug}:${i}:prev`), id, previous.id, 'primary_therapist', day(opened, -200), day(opened, -1)]);
            }
            team.push([org.id, stableUuid(`team:${seed}:${org.slug}:${i}:primary`), id, therapist.id, 'primary_therapist', opened, null]);
          }
          const peer = peers(s.code)[0];
          if (peer && (part2 || i % 4 === 1)) team.push([org.id, stableUuid(`team:${seed}:${org.slug}:${i}:peer`), id, peer.id, 'peer_specialist', day('2025-03-01', i % 200), null]);
        }
        await client.query('BEGIN');
        await insertMany(client, 'cl_patients', ['organization_id', 'id', 'site_id', 'first_name', 'last_name', 'date_of_birth', 'sex_at_birth', 'phone', 'email', 'address_line1', 'city', 'state'], ['uuid', 'uuid', 'uuid', 'text', 'text', 'date', 'text', 'text', 'text', 'text', 'text', 'text'], patients);
        await insertMany(client, 'cl_charts', ['organization_id', 'id', 'patient_id', 'mrn', 'is_part2', 'part2_program_name', 'opened_on'], ['uuid', 'uuid', 'uuid', 'text', 'bool', 'text', 'date'], charts);
        await insertMany(client, 'cl_care_team_assignments', ['organization_id', 'id', 'patient_id', 'staff_user_id', 'role', 'started_on', 'ended_on'], ['uuid', 'uuid', 'uuid', 'uuid', 'text', 'date', 'date'], team);
        await client.query('COMMIT');
        if (perOrg > BATCH) progress(`${org.name}: ${Math.min(perOrg, start + BATCH)} / ${perOrg} patients`);
      }
      await client.query(
        `INSERT INTO cl_mrn_counters (organization_id, next_value) VALUES ($1, $2)
         ON CONFLICT (organization_id) DO UPDATE SET next_value = GREATEST(cl_mrn_counters.next_value, EXCLUDED.next_value)`,
        [org.id, mrnBase + perOrg + 1],
      );
    }
    const counts = await client.query<Record<keyof SeedSummary, number>>(`SELECT
      (SELECT count(*)::int FROM pf_organizations) AS organizations, (SELECT count(*)::int FROM pf_sites) AS sites,
      (SELECT count(*)::int FROM pf_staff_users) AS staff, (SELECT count(*)::int FROM pf_role_bindings) AS "roleBindings",
      (SELECT count(*)::int FROM cl_patients) AS patients, (SELECT count(*)::int FROM cl_care_team_assignments) AS "careTeamAssignments"`);
    return counts.rows[0]!;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}

/** One multi-row INSERT ... SELECT FROM unnest(...) ON CONFLICT DO NOTHING per batch. */
async function insertMany(client: Client, table: string, columns: string[], types: string[], rows: unknown[][]): Promise<void> {
  if (rows.length === 0) return;
  const arrays = columns.map((_, c) => rows.map((r) => r[c]));
  const params = types.map((t, i) => `$${i + 1}::${t}[]`).join(', ');
  await client.query(`INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM unnest(${params}) ON CONFLICT DO NOTHING`, arrays);
}
