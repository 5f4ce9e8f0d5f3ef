import { Injectable } from '@nestjs/common';

import { Prisma } from '@cairn/platform/db';

import type { ClTx } from '../../cl.tx';
import type { GenerationRow } from '../domain/group-encounter-generation.view';

type Tx = ClTx;

/**
 * Every column plus the caller's Part 2 decision, computed in the same statement (one query per page or
 * batch, never one per row): a row of an SUD-program group is disclosed only when cl_check_sud_consent allows
 * the request's user (pf_ctx_user()) that patient's 'group_encounter' records.
 */
const COLUMNS = Prisma.sql`
  g.organization_id, g.id, g.group_session_id, g.group_id, g.site_id, g.session_date, g.group_type, g.modality, g.sud_program,
  g.patient_id, g.chart_id, g.encounter_id, g.attendance_status, g.minutes_attended, g.status,
  g.proposed_code_system, g.proposed_cpt_code, g.proposed_modifiers, g.billable, g.not_billable_reason, g.not_billable_detail,
  g.reviewed_by, g.reviewed_at, g.rejection_reason, g.approval_id, g.version, g.created_at, g.updated_at,
  (NOT g.sud_program OR cl_check_sud_consent(g.chart_id, 'group_encounter', pf_ctx_user())) AS consented`;

export interface GenerationFilter {
  sessionId?: string;
  status?: string;
  from?: string;
  to?: string;
  siteId?: string;
  /** The facilitator (dashboards' provider filter). */
  facilitatorId?: string;
  /** Only these sites (the sites where the caller holds the permission the list needs). */
  siteIds?: string[];
}

function whereOf(organizationId: string, f: GenerationFilter): Prisma.Sql {
  const parts = [Prisma.sql`g.organization_id = ${organizationId}::uuid`];
  if (f.sessionId) parts.push(Prisma.sql`g.group_session_id = ${f.sessionId}::uuid`);
  if (f.status) parts.push(Prisma.sql`g.status = ${f.status}`);
  if (f.from) parts.push(Prisma.sql`g.session_date >= ${f.from}::date`);
  if (f.to) parts.push(Prisma.sql`g.session_date <= ${f.to}::date`);
  if (f.siteId) parts.push(Prisma.sql`g.site_id = ${f.siteId}::uuid`);
  if (f.siteIds) parts.push(Prisma.sql`g.site_id = ANY (${f.siteIds}::uuid[])`);
  if (f.facilitatorId) parts.push(Prisma.sql`g.facilitator_id = ${f.facilitatorId}::uuid`);
  return Prisma.join(parts, ' AND ');
}

/** One page, newest session first, attendees of a session together (row-level security limits the sites). */
export async function listGenerations(
  tx: Tx,
  organizationId: string,
  f: GenerationFilter,
  skip: number,
  take: number,
): Promise<{ rows: GenerationRow[]; total: number }> {
  const where = whereOf(organizationId, f);
  const rows = await tx.$queryRaw<GenerationRow[]>`
    SELECT ${COLUMNS} FROM cl_group_encounter_generations g WHERE ${where}
    ORDER BY g.session_date DESC, g.group_session_id, g.created_at, g.id
    LIMIT ${take} OFFSET ${skip}`;
  const [{ n }] = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM cl_group_encounter_generations g WHERE ${where}`;
  return { rows, total: n };
}

/** The rows of these ids that the caller can see (others are simply absent: not found). */
export async function generationsByIds(tx: Tx, organizationId: string, ids: string[]): Promise<GenerationRow[]> {
  if (ids.length === 0) return [];
  return tx.$queryRaw<GenerationRow[]>`
    SELECT ${COLUMNS} FROM cl_group_encounter_generations g WHERE g.organization_id = ${organizationId}::uuid AND g.id = ANY (${ids}::uuid[])`;
}

/**
 * Locks the still-pending rows in id order, so two bulk actions over overlapping ids (in any order) queue up
 * behind each other instead of deadlocking. Under READ COMMITTED a waiter re-checks the status once the lock is
 * free, so a row decided meanwhile drops out.
 */
function lockPending(organizationId: string, ids: string[], extra: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT id FROM cl_group_encounter_generations
    WHERE organization_id = ${organizationId}::uuid AND id = ANY (${ids}::uuid[]) AND status = 'pending_review' ${extra}
    ORDER BY id FOR UPDATE`;
}

/**
 * The conditional transition: only rows still pending review move, so of two reviewers racing on a row exactly
 * one UPDATE returns it (the other waits for the row lock, re-checks the status and skips it).
 */
export async function approvePending(
  tx: Tx,
  organizationId: string,
  ids: string[],
  reviewerId: string,
  approvalId: string,
): Promise<GenerationRow[]> {
  if (ids.length === 0) return [];
  return tx.$queryRaw<GenerationRow[]>`
    WITH target AS (${lockPending(organizationId, ids, Prisma.sql`AND billable`)})
    UPDATE cl_group_encounter_generations g
    SET status = 'approved', reviewed_by = ${reviewerId}::uuid, reviewed_at = now(), approval_id = ${approvalId}::uuid,
        version = g.version + 1, updated_at = now()
    FROM target
    WHERE g.organization_id = ${organizationId}::uuid AND g.id = target.id AND g.status = 'pending_review' AND g.billable
    RETURNING ${COLUMNS}`;
}

export async function rejectPending(
  tx: Tx,
  organizationId: string,
  ids: string[],
  reviewerId: string,
  reason: string,
): Promise<GenerationRow[]> {
  if (ids.length === 0) return [];
  return tx.$queryRaw<GenerationRow[]>`
    WITH target AS (${lockPending(organizationId, ids, Prisma.empty)})
    UPDATE cl_group_encounter_generations g
    SET status = 'rejected', reviewed_by = ${reviewerId}::uuid, reviewed_at = now(), rejection_reason = ${reason},
        version = g.version + 1, updated_at = now()
    FROM target
    WHERE g.organization_id = ${organizationId}::uuid AND g.id = target.id AND g.status = 'pending_review'
    RETURNING ${COLUMNS}`;
}

export interface CodeEdit {
  system: 'CPT' | 'HCPCS';
  code: string;
  modifiers: string[];
  billable: boolean;
  notBillableReason: string | null;
  /** The not-billable detail sentence described the old code: clear it. */
  clearDetail: boolean;
}

/** A pending row's new proposed code (conditional on pending_review: null once decided). */
export async function editPendingCode(tx: Tx, organizationId: string, id: string, edit: CodeEdit): Promise<GenerationRow | null> {
  const [updated] = await tx.$queryRaw<GenerationRow[]>`
    UPDATE cl_group_encounter_generations g
    SET proposed_code_system = ${edit.system}, proposed_cpt_code = ${edit.code}, proposed_modifiers = ${edit.modifiers}::text[],
        billable = ${edit.billable}, not_billable_reason = ${edit.notBillableReason},
        not_billable_detail = CASE WHEN ${edit.clearDetail} THEN NULL ELSE g.not_billable_detail END,
        version = g.version + 1, updated_at = now()
    WHERE g.organization_id = ${organizationId}::uuid AND g.id = ${id}::uuid AND g.status = 'pending_review'
    RETURNING ${COLUMNS}`;
  return updated ?? null;
}

/** A generation row as encounter generation plans it (snake_case: the jsonb record the INSERT reads). */
export interface NewGenerationRow {
  patient_id: string;
  chart_id: string;
  encounter_id: string | null;
  attendance_status: string;
  minutes_attended: number;
  status: string;
  proposed_code_system: string | null;
  proposed_cpt_code: string | null;
  proposed_modifiers: string[];
  billable: boolean;
  not_billable_reason: string | null;
  not_billable_detail: string | null;
}

/** The facts of the documented session every generation row of it copies. */
export interface GenerationSession {
  organizationId: string;
  sessionId: string;
  groupId: string;
  siteId: string;
  /** YYYY-MM-DD */
  sessionDate: string;
  groupType: string;
  modality: string;
  facilitatorId: string;
  sudProgram: boolean;
}

/**
 * The writer of cl_group_encounter_generations for encounter generation (the review's conditional transitions are
 * the functions above, in this same file: one home for the aggregate's SQL).
 */
@Injectable()
export class GroupEncounterGenerationRepository {
  /**
   * One statement for the whole session, insert-once on (organization, session, patient): a replay inserts nothing
   * and changes nothing (the seed's rule). Returns the ids of the rows actually inserted.
   */
  async insertOnce(tx: Tx, s: GenerationSession, rows: readonly NewGenerationRow[]): Promise<{ id: string }[]> {
    return tx.$queryRaw<{ id: string }[]>`
      INSERT INTO cl_group_encounter_generations (
        organization_id, group_session_id, group_id, site_id, session_date, group_type, modality, facilitator_id, sud_program,
        patient_id, chart_id, encounter_id, attendance_status, minutes_attended, status,
        proposed_code_system, proposed_cpt_code, proposed_modifiers, billable, not_billable_reason, not_billable_detail)
      SELECT ${s.organizationId}::uuid, ${s.sessionId}::uuid, ${s.groupId}::uuid, ${s.siteId}::uuid, ${s.sessionDate}::date,
             ${s.groupType}, ${s.modality}, ${s.facilitatorId}::uuid, ${s.sudProgram},
             r.patient_id, r.chart_id, r.encounter_id, r.attendance_status, r.minutes_attended, r.status,
             r.proposed_code_system, r.proposed_cpt_code, r.proposed_modifiers, r.billable, r.not_billable_reason, r.not_billable_detail
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(
        patient_id uuid, chart_id uuid, encounter_id uuid, attendance_status text, minutes_attended int, status text,
        proposed_code_system text, proposed_cpt_code text, proposed_modifiers text[], billable boolean, not_billable_reason text, not_billable_detail text)
      ON CONFLICT (organization_id, group_session_id, patient_id) DO NOTHING
      RETURNING id`;
  }
}
