import { Injectable } from '@nestjs/common';

import { Prisma } from '@cairn/platform/db';

import type { ClTx } from '../../cl.tx';
import { DEFAULT_GENERATION_SORT, type GenerationSort } from '../domain/generation-sort.rules';
import type { GenerationRow } from '../domain/group-encounter-generation.view';

type Tx = ClTx;

/** The caller's Part 2 decision for a row g: an SUD-program row needs cl_check_sud_consent for the request's user. */
const CONSENTED = Prisma.sql`(NOT g.sud_program OR cl_check_sud_consent(g.chart_id, 'group_encounter', pf_ctx_user()))`;

/**
 * Every column plus the caller's Part 2 decision, computed in the same statement (one query per page or
 * batch, never one per row): a row of an SUD-program group is disclosed only when cl_check_sud_consent allows
 * the request's user (pf_ctx_user()) that patient's 'group_encounter' records. The patient's and the group's
 * names come through their own tables' row-level security: null for a patient outside the caller's scope (the
 * view also drops them from a withheld row). Scalar subqueries rather than joins, so RETURNING can use them too.
 */
const COLUMNS = Prisma.sql`
  g.organization_id, g.id, g.group_session_id, g.group_id, g.site_id, g.session_date, g.group_type, g.modality, g.sud_program,
  g.patient_id, g.chart_id, g.encounter_id, g.attendance_status, g.minutes_attended, g.status,
  g.proposed_code_system, g.proposed_cpt_code, g.proposed_modifiers, g.billable, g.not_billable_reason, g.not_billable_detail,
  g.reviewed_by, g.reviewed_at, g.rejection_reason, g.approval_id, g.version, g.review_round, g.created_at, g.updated_at,
  (SELECT p.first_name || ' ' || p.last_name FROM cl_patients p WHERE p.organization_id = g.organization_id AND p.id = g.patient_id) AS patient_name,
  (SELECT gr.name FROM cl_groups gr WHERE gr.organization_id = g.organization_id AND gr.id = g.group_id) AS group_name,
  ${CONSENTED} AS consented`;

export interface GenerationFilter {
  sessionId?: string;
  status?: string;
  from?: string;
  to?: string;
  siteId?: string;
  billable?: boolean;
  /** true: only rows withheld from the caller for lack of a Part 2 consent; false: only rows shown in full. */
  needsConsent?: boolean;
  /** true: only absent attendees' rows (status not_generated, no encounter); false: only generated ones. */
  notGenerated?: boolean;
  /** The facilitator (dashboards' provider filter). */
  facilitatorId?: string;
  /** Only these sites (the sites where the caller holds the permission the list needs). */
  siteIds?: string[];
}

/**
 * Session-level filters (session, dates, site) select withheld rows too: the session's roster shows that an
 * unnamed attendee was there. Filters on a row's own facts (status, billable, not generated) match only rows the
 * caller may see, so subtracting two filtered answers never tells anything about a withheld row.
 */
function whereOf(organizationId: string, f: GenerationFilter): Prisma.Sql {
  const parts = [Prisma.sql`g.organization_id = ${organizationId}::uuid`];
  if (f.sessionId) parts.push(Prisma.sql`g.group_session_id = ${f.sessionId}::uuid`);
  if (f.from) parts.push(Prisma.sql`g.session_date >= ${f.from}::date`);
  if (f.to) parts.push(Prisma.sql`g.session_date <= ${f.to}::date`);
  if (f.siteId) parts.push(Prisma.sql`g.site_id = ${f.siteId}::uuid`);
  const facts: Prisma.Sql[] = [];
  if (f.status) facts.push(Prisma.sql`g.status = ${f.status}`);
  if (f.billable !== undefined) facts.push(Prisma.sql`g.billable = ${f.billable}`);
  if (f.notGenerated !== undefined)
    facts.push(f.notGenerated ? Prisma.sql`g.status = 'not_generated'` : Prisma.sql`g.status <> 'not_generated'`);
  if (facts.length > 0) parts.push(CONSENTED, ...facts);
  if (f.needsConsent !== undefined) parts.push(f.needsConsent ? Prisma.sql`NOT ${CONSENTED}` : CONSENTED);
  if (f.siteIds) parts.push(Prisma.sql`g.site_id = ANY (${f.siteIds}::uuid[])`);
  if (f.facilitatorId) parts.push(Prisma.sql`g.facilitator_id = ${f.facilitatorId}::uuid`);
  return Prisma.join(parts, ' AND ');
}

const DEFAULT_ORDER = Prisma.sql`g.session_date DESC, g.group_session_id, g.created_at, g.id`;

/**
 * The ORDER BY of a sort. By session date: the queue's order (either way). By a field a withheld row hides: the rows
 * the caller may see first, by that field (nulls last), then the withheld ones in the default order.
 */
function orderOf(sort: GenerationSort): Prisma.Sql {
  const dir = Prisma.raw(sort.direction === 'asc' ? 'ASC' : 'DESC');
  if (sort.field === 'sessionDate')
    return sort.direction === 'desc' ? DEFAULT_ORDER : Prisma.sql`g.session_date ASC, g.group_session_id, g.created_at, g.id`;
  const key = {
    group: Prisma.sql`(SELECT gr.name FROM cl_groups gr WHERE gr.organization_id = g.organization_id AND gr.id = g.group_id)`,
    patient: Prisma.sql`(SELECT p.last_name || ', ' || p.first_name FROM cl_patients p WHERE p.organization_id = g.organization_id AND p.id = g.patient_id)`,
    status: Prisma.sql`g.status`,
    code: Prisma.sql`g.proposed_cpt_code`,
  }[sort.field];
  return Prisma.sql`CASE WHEN ${CONSENTED} THEN 0 ELSE 1 END, CASE WHEN ${CONSENTED} THEN ${key} END ${dir} NULLS LAST, ${DEFAULT_ORDER}`;
}

/**
 * One page in `sort` order (default: newest session first, attendees of a session together; row-level security
 * limits the sites).
 */
export async function listGenerations(
  tx: Tx,
  organizationId: string,
  f: GenerationFilter,
  skip: number,
  take: number,
  sort: GenerationSort = DEFAULT_GENERATION_SORT,
): Promise<{ rows: GenerationRow[]; total: number }> {
  const where = whereOf(organizationId, f);
  const rows = await tx.$queryRaw<GenerationRow[]>`
    SELECT ${COLUMNS} FROM cl_group_encounter_generations g WHERE ${where}
    ORDER BY ${orderOf(sort)}
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

/**
 * Reopens a decision: approved or rejected -> pending_review, the decision cleared and the review round one more
 * (the trigger allows exactly this change). A conditional UPDATE on a locked row, so of two concurrent reopens one
 * changes the row and the other finds it pending. Returns the row with the status and round it had before.
 */
export async function reopenDecided(
  tx: Tx,
  organizationId: string,
  id: string,
  userId: string,
): Promise<(GenerationRow & { previous_status: 'approved' | 'rejected'; previous_round: number }) | null> {
  const [row] = await tx.$queryRaw<(GenerationRow & { previous_status: 'approved' | 'rejected'; previous_round: number })[]>`
    WITH target AS (
      SELECT id, status, review_round FROM cl_group_encounter_generations
      WHERE organization_id = ${organizationId}::uuid AND id = ${id}::uuid AND status IN ('approved', 'rejected')
      FOR UPDATE)
    UPDATE cl_group_encounter_generations g
    SET status = 'pending_review', reviewed_by = NULL, reviewed_at = NULL, rejection_reason = NULL, approval_id = NULL,
        review_round = g.review_round + 1, reopened_at = now(), reopened_by = ${userId}::uuid, version = g.version + 1, updated_at = now()
    FROM target
    WHERE g.organization_id = ${organizationId}::uuid AND g.id = target.id AND g.status IN ('approved', 'rejected')
    RETURNING ${COLUMNS}, target.status AS previous_status, target.review_round AS previous_round`;
  return row ?? null;
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

/** A staff member who may approve generations, and where (a role binding holding the approve permission). */
export interface Approver {
  user_id: string;
  all_sites: boolean;
  site_ids: string[];
}

export interface ConsentWorklistRow {
  patient_id: string;
  chart_id: string;
  patient_name: string;
  waiting: number;
}

/**
 * The consent worklist: per patient the caller may see (cl_patients' row-level security: their patient scope), the
 * generations of SUD-program groups still pending review that *no approver* of the row's site may see, because
 * cl_check_sud_consent refuses each of them the patient's 'group_encounter' records. The function stays the one
 * place the consent rule lives (ADR 0004); this only asks it for each approver. Oldest patient id order is stable.
 */
export async function consentWorklist(
  tx: Tx,
  organizationId: string,
  approvers: readonly Approver[],
  skip: number,
  take: number,
): Promise<{ rows: ConsentWorklistRow[]; total: number }> {
  const waiting = Prisma.sql`
    FROM cl_group_encounter_generations g
    JOIN cl_patients p ON p.organization_id = g.organization_id AND p.id = g.patient_id
    WHERE g.organization_id = ${organizationId}::uuid AND g.status = 'pending_review' AND g.sud_program
      AND NOT EXISTS (
        SELECT 1 FROM jsonb_to_recordset(${JSON.stringify(approvers)}::jsonb) AS a(user_id uuid, all_sites boolean, site_ids uuid[])
        WHERE (a.all_sites OR g.site_id = ANY (a.site_ids)) AND cl_check_sud_consent(g.chart_id, 'group_encounter', a.user_id))`;
  const rows = await tx.$queryRaw<ConsentWorklistRow[]>`
    SELECT g.patient_id, g.chart_id, p.first_name || ' ' || p.last_name AS patient_name, count(*)::int AS waiting
    ${waiting}
    GROUP BY g.patient_id, g.chart_id, p.first_name, p.last_name
    ORDER BY p.last_name, p.first_name, g.patient_id
    LIMIT ${take} OFFSET ${skip}`;
  const [{ n }] = await tx.$queryRaw<{ n: number }[]>`SELECT count(DISTINCT g.patient_id)::int AS n ${waiting}`;
  return { rows, total: n };
}
