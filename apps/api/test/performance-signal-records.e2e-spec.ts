import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ClsService } from 'nestjs-cls';

import { CLS_REQUEST_ID, TENANT_CONTEXT, TenantContext } from '@cairn/platform/db';
import { ForbiddenError, InvalidInputError } from '@cairn/platform/kernel';
import { DrillKey, ListSignalRecordsQuery, SignalRecordPage } from '@cairn/platform/performance-signals';
import { buildTenantContext, CLS_PRINCIPAL, Principal } from '@cairn/platform/tenancy';

import { bootApi } from './support/boot-api';
import { DemoFixture } from './support/demo-fixture';

/**
 * Drill-through (ListSignalRecordsQuery) through the API's buses as the demo staff, with their real grants, tenant
 * context and row-level security: each owning context applies its own permission, patient scope, Part 2 rules and
 * audit. Dashboards' HTTP route (libs/dashboards) is built on top of this; here the bus call is the unit.
 */
let app: INestApplication;
const demo = new DemoFixture();
let org: string;
// The demo data covers 2024-01-01 to 2025-12-31 here (the test database's demo set is seeded for a fixed date).
const RANGE = { from: '2024-01-01', to: '2025-12-31' };

beforeAll(async () => {
  app = await bootApi();
  org = await demo.orgId('sonoran');
});
afterAll(async () => {
  await app.close();
  await demo.close();
});

async function principalOf(email: string): Promise<Principal> {
  const userId = await demo.userId(email);
  const { rows } = await demo.owner.query(
    `SELECT b.organization_id, o.name, o.slug, b.role_key, b.all_sites, b.site_ids::text[] AS site_ids,
            COALESCE(array_agg(rp.permission_key) FILTER (WHERE rp.permission_key IS NOT NULL), '{}') AS keys
     FROM pf_role_bindings b JOIN pf_organizations o ON o.id = b.organization_id
     LEFT JOIN pf_role_permissions rp ON rp.role_key = b.role_key
     WHERE b.staff_user_id = $1 AND b.revoked_at IS NULL
     GROUP BY b.organization_id, o.name, o.slug, b.role_key, b.all_sites, b.site_ids`,
    [userId],
  );
  return {
    userId,
    sessionId: randomUUID(),
    grants: rows.map((r) => ({
      organizationId: r.organization_id,
      organizationName: r.name,
      organizationSlug: r.slug,
      roleKey: r.role_key,
      allSites: r.all_sites,
      siteIds: r.site_ids,
      permissionKeys: r.keys,
    })),
  };
}

/** Runs the drill-through as a signed-in staff member (the tenant context their authenticated request gets). */
async function drill(
  email: string,
  drillKey: DrillKey,
  filters: Partial<typeof RANGE> & { siteId?: string; providerId?: string } = {},
  page = { page: 1, pageSize: 100 },
) {
  const principal = await principalOf(email);
  const tenant = buildTenantContext(principal, org, null) as TenantContext;
  const requestId = randomUUID();
  const cls = app.get(ClsService);
  const result = await cls.run(async () => {
    cls.set(TENANT_CONTEXT, tenant);
    cls.set(CLS_PRINCIPAL, principal);
    cls.set(CLS_REQUEST_ID, requestId);
    return app
      .get(QueryBus)
      .execute<ListSignalRecordsQuery, SignalRecordPage>(new ListSignalRecordsQuery(org, drillKey, { ...RANGE, ...filters }, page))
      .catch((e: unknown) => e);
  });
  return { result, audit: await demo.auditEvents('request_id = $1', [requestId]) };
}

describe('drill-through in the owning contexts', () => {
  it("lists a front desk's no-show appointments at its own sites only, linked to the chart, audited with every id", async () => {
    const { result, audit } = await drill('frontdesk@sonoran.cairn.test', 'appointments.no-show');
    const page = result as SignalRecordPage;
    const tucson = (await demo.sites('sonoran')).find((s) => s.code === 'TUC')!.id;
    const { rows: expected } = await demo.owner.query(
      `SELECT id FROM pm_appointments WHERE organization_id = $1 AND status = 'no_show' AND site_id = $2
         AND start_at >= '2024-01-01T00:00:00-07:00' AND start_at < '2026-01-01T00:00:00-07:00'`,
      [org, tucson],
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(page.total).toBe(expected.length);
    expect(page.rows.every((r) => r.cells['siteId'] === tucson && r.cells['status'] === 'no_show' && r.withheld === null)).toBe(true);
    expect(page.rows[0]!.link).toBe(`/patients/${page.rows[0]!.cells['patientId']}`);
    expect(page.columns.map((c) => c.key)).toContain('startAt');
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'appointment.list', outcome: 'success' });
    expect((audit[0]!['scope'] as { resultAppointmentIds: string[] }).resultAppointmentIds.sort()).toEqual(
      page.rows.map((r) => r.id).sort(),
    );
  });

  it("never shows a clinician another provider's patients: unsigned notes are those of the clinician's care team", async () => {
    const email = 'clinician@sonoran.cairn.test';
    const assigned = new Set(await demo.patientsAssignedTo(email, true, 10_000));
    const { rows: all } = await demo.owner.query(
      `SELECT DISTINCT patient_id FROM cl_progress_notes WHERE organization_id = $1 AND status = 'draft'
         AND session_end >= '2024-01-01T00:00:00-07:00' AND session_end < '2026-01-01T00:00:00-07:00'`,
      [org],
    );
    // The test can fail: there are unsigned notes of patients outside this clinician's care team.
    expect(all.some((r) => !assigned.has(r.patient_id))).toBe(true);
    const { result, audit } = await drill(email, 'notes.unsigned');
    const page = result as SignalRecordPage;
    expect(page.rows.every((r) => assigned.has(r.cells['patientId'] as string))).toBe(true);
    expect(audit[0]).toMatchObject({ action: 'progress-note.list', outcome: 'success' });
    // A site-wide manager sees more of them.
    const manager = (await drill('manager@sonoran.cairn.test', 'notes.unsigned')).result as SignalRecordPage;
    expect(manager.total).toBeGreaterThanOrEqual(page.total);
    expect(manager.rows.some((r) => !assigned.has(r.cells['patientId'] as string))).toBe(true);
  });

  it("never lists a Part 2 charge the caller may not see under 'on hold', not even as withheld (that would tell its status)", async () => {
    const billingUser = await demo.userId('billing@sonoran.cairn.test');
    const c = await demo.owner.connect();
    let charts: { chart_id: string; patient_id: string; site_id: string; ok: boolean }[];
    try {
      await c.query('BEGIN');
      await c.query(`SELECT set_config('app.org_id', $1, true)`, [org]);
      charts = (
        await c.query(
          `SELECT ch.id AS chart_id, ch.patient_id, p.site_id, cl_check_sud_consent(ch.id, 'billing', $2) AS ok
           FROM cl_charts ch JOIN cl_patients p ON p.organization_id = ch.organization_id AND p.id = ch.patient_id
           WHERE ch.organization_id = $1 AND ch.is_part2 ORDER BY ch.id`,
          [org, billingUser],
        )
      ).rows;
      await c.query('COMMIT');
    } finally {
      c.release();
    }
    const closed = charts.find((x) => !x.ok)!;
    const open = charts.find((x) => x.ok)!;
    expect([closed, open].every(Boolean)).toBe(true);
    const provider = await demo.userId('clinician@sonoran.cairn.test');
    const onHold = async (chart: { chart_id: string; patient_id: string; site_id: string }) => {
      const id = randomUUID();
      await demo.owner.query(
        `INSERT INTO pm_charges (organization_id, id, source_type, source_id, encounter_id, patient_id, chart_id, site_id, service_date,
           rendering_provider_id, group_session_id, duration_minutes, proposed_code, proposed_modifiers, final_code, final_modifiers, units,
           unit_basis, rate_cents, amount_cents, status, hold_reason, fee_schedule_entry_id, jurisdiction_profile_key)
         VALUES ($1, $2, 'group_encounter_generation', gen_random_uuid(), gen_random_uuid(), $3, $4, $5, '2025-06-04', $6, gen_random_uuid(), 60,
           'H0005', '{HF,HQ}', NULL, '{HF,HQ}', 0, 'per_session', NULL, NULL, 'on_hold', 'no_fee_schedule_entry', NULL, 'us-az-ahcccs')`,
        [org, id, chart.patient_id, chart.chart_id, chart.site_id, provider],
      );
      return id;
    };
    const hidden = await onHold(closed);
    const shown = await onHold(open);
    const { result, audit } = await drill('billing@sonoran.cairn.test', 'charges.on-hold', { from: '2025-06-04', to: '2025-06-04' });
    const page = result as SignalRecordPage;
    const ids = page.rows.map((r) => r.id);
    expect(ids).toContain(shown);
    expect(ids).not.toContain(hidden);
    expect(page.rows.every((r) => r.withheld === null)).toBe(true);
    expect(JSON.stringify(page)).not.toContain(closed.patient_id);
    // The provider filter is a fact too: it never brings the hidden charge back.
    const byProvider = (
      await drill('billing@sonoran.cairn.test', 'charges.on-hold', { from: '2025-06-04', to: '2025-06-04', providerId: provider })
    ).result as SignalRecordPage;
    expect(byProvider.rows.map((r) => r.id)).not.toContain(hidden);
    expect(audit[0]).toMatchObject({ action: 'charge.list', outcome: 'success' });
    expect(JSON.stringify(audit[0])).not.toContain(hidden);
  });

  it("refuses a role without the owning context's permission and audits the refusal", async () => {
    const { result, audit } = await drill('clinician@sonoran.cairn.test', 'charges.on-hold');
    expect(result).toBeInstanceOf(ForbiddenError);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'charge.list', outcome: 'denied' });
  });

  it('names every invalid field and reads nothing', async () => {
    const { result, audit } = await drill(
      'manager@sonoran.cairn.test',
      'appointments.today',
      { siteId: 'x', to: '2023-01-01' },
      { page: 0, pageSize: 500 },
    );
    expect(result).toBeInstanceOf(InvalidInputError);
    expect((result as InvalidInputError).errors!.map((e) => e.field)).toEqual(['siteId', 'page', 'pageSize']);
    expect(audit).toEqual([]);
  });

  it('pages: the second page continues the first, and the total is the same', async () => {
    const first = (await drill('manager@sonoran.cairn.test', 'appointments.cancelled', {}, { page: 1, pageSize: 3 }))
      .result as SignalRecordPage;
    const second = (await drill('manager@sonoran.cairn.test', 'appointments.cancelled', {}, { page: 2, pageSize: 3 }))
      .result as SignalRecordPage;
    expect(first.total).toBeGreaterThan(3);
    expect(second.total).toBe(first.total);
    expect(first.rows.map((r) => r.id)).not.toEqual(expect.arrayContaining(second.rows.map((r) => r.id)));
    const past = (await drill('manager@sonoran.cairn.test', 'appointments.cancelled', {}, { page: 1000, pageSize: 3 }))
      .result as SignalRecordPage;
    expect(past).toMatchObject({ rows: [], total: first.total, page: 1000, pageSize: 3 });
  });

  it('answers the other drill keys through their owners', async () => {
    for (const key of [
      'group-encounters.pending',
      'peer-encounters.draft',
      'consents.expiring',
      'notes.overdue',
      'appointments.today',
    ] as const) {
      const { result, audit } = await drill('owner@sonoran.cairn.test', key);
      expect({ key, ok: !(result instanceof Error) }).toEqual({ key, ok: true });
      expect(audit).toHaveLength(1);
    }
  });
});
