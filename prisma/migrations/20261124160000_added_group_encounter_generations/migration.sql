-- CreateTable
CREATE TABLE "cl_group_encounter_generations" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "group_session_id" UUID NOT NULL,
    "group_id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "session_date" DATE NOT NULL,
    "group_type" TEXT NOT NULL,
    "modality" TEXT NOT NULL,
    "facilitator_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "chart_id" UUID NOT NULL,
    "encounter_id" UUID,
    "attendance_status" TEXT NOT NULL,
    "minutes_attended" INTEGER NOT NULL,
    "sud_program" BOOLEAN NOT NULL,
    "proposed_code_system" TEXT,
    "proposed_cpt_code" TEXT,
    "proposed_modifiers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "billable" BOOLEAN NOT NULL,
    "not_billable_reason" TEXT,
    "not_billable_detail" TEXT,
    "status" TEXT NOT NULL,
    "reviewed_by" UUID,
    "reviewed_at" TIMESTAMPTZ(6),
    "rejection_reason" TEXT,
    "approval_id" UUID,
    "version" INTEGER NOT NULL DEFAULT 1,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cl_group_encounter_generations_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateIndex
CREATE INDEX "cl_group_encounter_generations_date_idx" ON "cl_group_encounter_generations"("organization_id", "session_date", "group_session_id");

-- CreateIndex
CREATE INDEX "cl_group_encounter_generations_status_idx" ON "cl_group_encounter_generations"("organization_id", "status", "session_date");

-- CreateIndex
CREATE UNIQUE INDEX "cl_group_encounter_generations_session_patient_key" ON "cl_group_encounter_generations"("organization_id", "group_session_id", "patient_id");

-- ---------------------------------------------------------------------------------------------------------
-- Raw SQL below: Prisma's schema language cannot express checks, policies, grants or permission rows.
-- The state machine is pending_review -> approved | rejected; absent attendees are tracked as not_generated
-- (terminal, no encounter, never billable). The checks keep a row internally consistent whatever writes it.
ALTER TABLE cl_group_encounter_generations
  ADD CONSTRAINT cl_group_encounter_generations_status_check
    CHECK (status IN ('pending_review', 'approved', 'rejected', 'not_generated')),
  ADD CONSTRAINT cl_group_encounter_generations_attendance_check
    CHECK (attendance_status IN ('present', 'partial', 'absent')),
  ADD CONSTRAINT cl_group_encounter_generations_modality_check CHECK (modality IN ('in_person', 'telehealth_video')),
  ADD CONSTRAINT cl_group_encounter_generations_minutes_check CHECK (minutes_attended BETWEEN 0 AND 1440),
  ADD CONSTRAINT cl_group_encounter_generations_modifiers_check CHECK (proposed_modifiers IS NOT NULL),
  ADD CONSTRAINT cl_group_encounter_generations_system_check
    CHECK (proposed_code_system IS NULL OR proposed_code_system IN ('CPT', 'HCPCS')),
  -- An absent attendee has no encounter and is never reviewed; everyone else has exactly one encounter.
  ADD CONSTRAINT cl_group_encounter_generations_absent_check CHECK (
    (attendance_status = 'absent') = (status = 'not_generated')
    AND (attendance_status = 'absent') = (encounter_id IS NULL)),
  -- Billable rows carry a code and no reason; non-billable rows say why.
  ADD CONSTRAINT cl_group_encounter_generations_billable_check CHECK (
    (billable AND proposed_cpt_code IS NOT NULL AND not_billable_reason IS NULL)
    OR (NOT billable AND not_billable_reason IN ('absent', 'below_minimum_minutes', 'no_code_mapping', 'invalid_code'))),
  -- Only billable rows can be approved; a rejection carries its reason.
  ADD CONSTRAINT cl_group_encounter_generations_approved_check CHECK (status <> 'approved' OR (billable AND approval_id IS NOT NULL)),
  ADD CONSTRAINT cl_group_encounter_generations_rejected_check
    CHECK (status <> 'rejected' OR (rejection_reason IS NOT NULL AND length(btrim(rejection_reason)) > 0)),
  ADD CONSTRAINT cl_group_encounter_generations_reviewed_check
    CHECK ((status IN ('approved', 'rejected')) = (reviewed_by IS NOT NULL AND reviewed_at IS NOT NULL));

-- A decision is final: approved and rejected rows (and absent ones) never change again, whoever writes.
CREATE FUNCTION cl_group_encounter_generation_guard() RETURNS trigger LANGUAGE plpgsql
  AS $$
  BEGIN
    IF OLD.status <> 'pending_review' THEN
      RAISE EXCEPTION 'a % group encounter generation cannot change', OLD.status USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END
  $$;
CREATE TRIGGER cl_group_encounter_generations_final BEFORE UPDATE ON cl_group_encounter_generations
  FOR EACH ROW EXECUTE FUNCTION cl_group_encounter_generation_guard();
REVOKE EXECUTE ON FUNCTION cl_group_encounter_generation_guard() FROM PUBLIC;

-- Staff of the organization see and review the generations of their permitted sites; the generation consumer
-- (the system actor, see 20261124140000_added_system_actor_context) inserts them for its event's organization.
-- Part 2 rows stay visible here on purpose: the review list must say "consent required" for them, so the
-- query hides their patient identifiers with cl_check_sud_consent instead of RLS dropping the row.
ALTER TABLE cl_group_encounter_generations ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON cl_group_encounter_generations FOR ALL
  USING (organization_id = pf_ctx_org()
         AND (((SELECT pf_has_org_access(pf_ctx_org())) AND pf_ctx_site_allowed(site_id)) OR pf_ctx_is_system()))
  WITH CHECK (organization_id = pf_ctx_org()
         AND (((SELECT pf_has_org_access(pf_ctx_org())) AND pf_ctx_site_allowed(site_id)) OR pf_ctx_is_system()));
-- No DELETE: generations are the record of what was proposed and decided.
GRANT SELECT, INSERT, UPDATE ON cl_group_encounter_generations TO cairn_app;

-- Review roles (the keys exist since 20261123013305). Editing codes is a supervisor's call; billing
-- coordinators approve and reject what supervisors settled; practice managers follow the queue.
DELETE FROM pf_role_permissions WHERE role_key = 'billing_coordinator' AND permission_key = 'cl.group-encounter-generation.edit';
INSERT INTO pf_role_permissions (role_key, permission_key) VALUES
  ('practice_manager', 'cl.group-encounter-generation.view')
ON CONFLICT DO NOTHING;
