import { Pool } from 'pg';

import { testOwnerUrl } from '@cairn/testing';

/**
 * Looks up the demo organizations, sites and users that the demo seed creates (by slug, code and email),
 * so tests do not depend on how the seed derives its ids.
 */
/** Patients the portal knows nothing of: no account and none of the demo's portal records (goals, resources, ...). */
const NO_PORTAL_ROWS = ['po_accounts', 'po_goals', 'po_resources', 'po_homework']
  .map((t) => `AND NOT EXISTS (SELECT 1 FROM ${t} x WHERE x.organization_id = p.organization_id AND x.patient_id = p.id)`)
  .join(' ');

export class DemoFixture {
  readonly owner: Pool;

  /** On this run's database, or on another one (a suite with a scratch database of its own). */
  constructor(ownerUrl: string | undefined = testOwnerUrl()) {
    this.owner = new Pool({ connectionString: ownerUrl, max: 2 });
  }

  async orgId(slug: 'sonoran' | 'cascade'): Promise<string> {
    const { rows } = await this.owner.query<{ id: string }>('SELECT id FROM pf_organizations WHERE slug = $1', [slug]);
    if (!rows[0]) throw new Error(`demo organization ${slug} is missing: did the seed run?`);
    return rows[0].id;
  }

  async sites(slug: 'sonoran' | 'cascade'): Promise<{ id: string; code: string; name: string }[]> {
    const { rows } = await this.owner.query(
      'SELECT s.id, s.code, s.name FROM pf_sites s JOIN pf_organizations o ON o.id = s.organization_id WHERE o.slug = $1 ORDER BY s.name',
      [slug],
    );
    return rows;
  }

  async userId(email: string): Promise<string> {
    const { rows } = await this.owner.query<{ id: string }>('SELECT id FROM pf_staff_users WHERE email = $1', [email]);
    if (!rows[0]) throw new Error(`demo user ${email} is missing`);
    return rows[0].id;
  }

  /** Site ids a user's bindings in an organization are limited to ([] when one binding covers every site). */
  async bindingSites(email: string, slug: 'sonoran' | 'cascade'): Promise<{ allSites: boolean; siteIds: string[] }> {
    const { rows } = await this.owner.query<{ all_sites: boolean; site_ids: string[] }>(
      `SELECT b.all_sites, b.site_ids FROM pf_role_bindings b JOIN pf_staff_users u ON u.id = b.staff_user_id
       JOIN pf_organizations o ON o.id = b.organization_id WHERE u.email = $1 AND o.slug = $2 AND b.revoked_at IS NULL`,
      [email, slug],
    );
    return { allSites: rows.some((r) => r.all_sites), siteIds: [...new Set(rows.flatMap((r) => r.site_ids))] };
  }

  /** Patients on (or not on) a staff user's current care team. */
  async patientsAssignedTo(email: string, assigned: boolean, limit = 5): Promise<string[]> {
    const userId = await this.userId(email);
    const { rows } = await this.owner.query<{ id: string }>(
      `SELECT p.id FROM cl_patients p JOIN pf_role_bindings b ON b.organization_id = p.organization_id AND b.staff_user_id = $1
       WHERE ${assigned ? '' : 'NOT'} EXISTS (SELECT 1 FROM cl_care_team_assignments a WHERE a.patient_id = p.id AND a.staff_user_id = $1
                       AND a.started_on <= current_date AND (a.ended_on IS NULL OR a.ended_on >= current_date))
       ORDER BY p.id LIMIT $2`,
      [userId, limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Active patients whose current primary therapist is `email` (charts not under Part 2), in random order so that
   * test files do not contend for the same ones; `withoutPortalAccount` leaves out patients the portal knows.
   */
  async primaryPatientsOf(email: string, limit = 5, opts: { withoutPortalAccount?: boolean } = {}): Promise<string[]> {
    const userId = await this.userId(email);
    const { rows } = await this.owner.query<{ id: string }>(
      `SELECT p.id FROM cl_patients p JOIN cl_charts ch ON ch.organization_id = p.organization_id AND ch.patient_id = p.id AND NOT ch.is_part2
       WHERE p.status = 'active' AND EXISTS (SELECT 1 FROM cl_care_team_assignments a WHERE a.organization_id = p.organization_id
               AND a.patient_id = p.id AND a.staff_user_id = $1 AND a.role = 'primary_therapist'
               AND a.started_on <= current_date AND (a.ended_on IS NULL OR a.ended_on >= current_date))
         ${opts.withoutPortalAccount ? NO_PORTAL_ROWS : ''}
       ORDER BY random() LIMIT $2`,
      [userId, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Active patients of an organization (charts not under Part 2), in random order; optionally none the portal knows. */
  async activePatients(slug: 'sonoran' | 'cascade', limit = 5, opts: { withoutPortalAccount?: boolean } = {}): Promise<string[]> {
    const { rows } = await this.owner.query<{ id: string }>(
      `SELECT p.id FROM cl_patients p JOIN pf_organizations o ON o.id = p.organization_id AND o.slug = $1
       JOIN cl_charts ch ON ch.organization_id = p.organization_id AND ch.patient_id = p.id AND NOT ch.is_part2
       WHERE p.status = 'active'
         ${opts.withoutPortalAccount ? NO_PORTAL_ROWS : ''}
       ORDER BY random() LIMIT $2`,
      [slug, limit],
    );
    return rows.map((r) => r.id);
  }

  async patientAtSite(siteId: string): Promise<string> {
    const { rows } = await this.owner.query<{ id: string }>('SELECT id FROM cl_patients WHERE site_id = $1 ORDER BY id LIMIT 1', [siteId]);
    if (!rows[0]) throw new Error(`no demo patient at site ${siteId}`);
    return rows[0].id;
  }

  async auditEvents(where: string, params: unknown[]): Promise<Record<string, unknown>[]> {
    const { rows } = await this.owner.query(`SELECT * FROM pf_audit_events WHERE ${where} ORDER BY occurred_at, seq`, params);
    return rows;
  }

  close(): Promise<void> {
    return this.owner.end();
  }
}
