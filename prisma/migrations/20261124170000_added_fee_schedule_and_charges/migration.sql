-- PM-07 fee schedule (pm_fee_schedule_entries) and charges (pm_charges). Charges are created by the worker
-- consumer of the charge-creation queue (cl_group_encounters_approved.v1, peer_encounter_finalized.v1), one per
-- approved generation or finalized peer encounter, insert-once on the source (pm_charges_source_key).

-- CreateTable
CREATE TABLE "pm_fee_schedule_entries" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "code_system" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "modifier_match" TEXT NOT NULL,
    "modifiers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "effective_from" DATE NOT NULL,
    "effective_to" DATE,
    "rate_cents" INTEGER NOT NULL,
    "unit_basis" TEXT NOT NULL,
    "crosswalk_code" TEXT,
    "crosswalk_modifier_mode" TEXT,
    "crosswalk_modifiers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" UUID,
    "ended_at" TIMESTAMPTZ(6),
    "ended_by" UUID,

    CONSTRAINT "pm_fee_schedule_entries_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "pm_charges" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "source_type" TEXT NOT NULL,
    "source_id" UUID NOT NULL,
    "encounter_id" UUID,
    "patient_id" UUID,
    "chart_id" UUID,
    "site_id" UUID,
    "service_date" DATE NOT NULL,
    "rendering_provider_id" UUID NOT NULL,
    "group_session_id" UUID,
    "duration_minutes" INTEGER NOT NULL,
    "proposed_code" TEXT NOT NULL,
    "proposed_modifiers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "final_code" TEXT,
    "final_modifiers" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "units" INTEGER NOT NULL,
    "unit_basis" TEXT,
    "rate_cents" INTEGER,
    "amount_cents" INTEGER,
    "status" TEXT NOT NULL,
    "hold_reason" TEXT,
    "fee_schedule_entry_id" UUID,
    "jurisdiction_profile_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pm_charges_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateIndex
CREATE INDEX "pm_fee_schedule_entries_organization_id_code_effective_from_idx" ON "pm_fee_schedule_entries"("organization_id", "code", "effective_from");

-- CreateIndex
CREATE INDEX "pm_charges_organization_id_service_date_idx" ON "pm_charges"("organization_id", "service_date");

-- CreateIndex
CREATE INDEX "pm_charges_organization_id_group_session_id_idx" ON "pm_charges"("organization_id", "group_session_id");

-- CreateIndex
CREATE INDEX "pm_charges_organization_id_patient_id_idx" ON "pm_charges"("organization_id", "patient_id");

-- CreateIndex
CREATE UNIQUE INDEX "pm_charges_source_key" ON "pm_charges"("organization_id", "source_type", "source_id");

-- ---------------------------------------------------------------------------------------------------------
-- Raw SQL below: Prisma's schema language cannot express checks, policies, grants or permission rows.
-- (Array columns are NOT NULL through checks: Prisma's schema cannot mark a list required, and a check keeps
-- the migrations and schema files free of drift.)
ALTER TABLE pm_fee_schedule_entries
  ADD CONSTRAINT pm_fee_schedule_entries_code_system_check CHECK (code_system IN ('CPT', 'HCPCS')),
  ADD CONSTRAINT pm_fee_schedule_entries_code_check CHECK (code ~ '^[A-Z0-9]{2,7}$'),
  ADD CONSTRAINT pm_fee_schedule_entries_modifier_match_check CHECK (
    (modifier_match = 'any' AND modifiers = '{}') OR (modifier_match = 'exact' AND modifiers IS NOT NULL)),
  ADD CONSTRAINT pm_fee_schedule_entries_dates_check CHECK (effective_to IS NULL OR effective_to >= effective_from),
  ADD CONSTRAINT pm_fee_schedule_entries_rate_check CHECK (rate_cents >= 0),
  ADD CONSTRAINT pm_fee_schedule_entries_unit_basis_check CHECK (unit_basis IN ('per_15_minutes', 'per_session', 'per_diem', 'per_encounter')),
  ADD CONSTRAINT pm_fee_schedule_entries_crosswalk_check CHECK (
    crosswalk_modifiers IS NOT NULL
    AND (crosswalk_modifier_mode IS NULL AND crosswalk_modifiers = '{}' OR crosswalk_modifier_mode IN ('add', 'replace')));

ALTER TABLE pm_charges
  ADD CONSTRAINT pm_charges_source_type_check CHECK (source_type IN ('group_encounter_generation', 'peer_encounter')),
  ADD CONSTRAINT pm_charges_arrays_check CHECK (proposed_modifiers IS NOT NULL AND final_modifiers IS NOT NULL),
  -- A group charge always has its encounter and session; only a peer encounter may arrive without a PM encounter.
  ADD CONSTRAINT pm_charges_group_check CHECK (
    source_type <> 'group_encounter_generation' OR (encounter_id IS NOT NULL AND group_session_id IS NOT NULL)),
  ADD CONSTRAINT pm_charges_encounter_facts_check CHECK (encounter_id IS NULL OR (patient_id IS NOT NULL AND site_id IS NOT NULL)),
  ADD CONSTRAINT pm_charges_units_check CHECK (units >= 0),
  ADD CONSTRAINT pm_charges_status_check CHECK (
    (status = 'ready' AND hold_reason IS NULL AND final_code IS NOT NULL AND units > 0 AND amount_cents IS NOT NULL)
    OR (status = 'on_hold' AND hold_reason IN ('no_fee_schedule_entry', 'zero_units', 'invalid_duration')));

-- The fee schedule is the organization's (no site); staff with the permission read and write it, and the charge
-- consumer (the system actor, 20261124140000_added_system_actor_context) reads it.
ALTER TABLE pm_fee_schedule_entries ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON pm_fee_schedule_entries FOR ALL
  USING (organization_id = pf_ctx_org() AND ((SELECT pf_has_org_access(pf_ctx_org())) OR pf_ctx_is_system()))
  WITH CHECK (organization_id = pf_ctx_org() AND ((SELECT pf_has_org_access(pf_ctx_org())) OR pf_ctx_is_system()));
-- UPDATE ends an entry (effective_to); entries are never deleted.
GRANT SELECT, INSERT, UPDATE ON pm_fee_schedule_entries TO cairn_app;

-- Staff see charges at their permitted sites (a peer charge without a site, only with every site permitted);
-- the consumer writes them for its event's organization. Charges are never updated or deleted by the app yet.
ALTER TABLE pm_charges ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON pm_charges FOR ALL
  USING (organization_id = pf_ctx_org()
         AND (((SELECT pf_has_org_access(pf_ctx_org())) AND pf_ctx_site_allowed(site_id)) OR pf_ctx_is_system()))
  WITH CHECK (organization_id = pf_ctx_org()
         AND (((SELECT pf_has_org_access(pf_ctx_org())) AND pf_ctx_site_allowed(site_id)) OR pf_ctx_is_system()));
GRANT SELECT, INSERT ON pm_charges TO cairn_app;

INSERT INTO pf_permissions (key, description) VALUES
  ('pm.charges.view', 'List charges and their sources'),
  ('pm.fee-schedule.view', 'Read the fee schedule'),
  ('pm.fee-schedule.manage', 'Add fee schedule entries and end them');
INSERT INTO pf_role_permissions (role_key, permission_key) VALUES
  ('billing_coordinator', 'pm.charges.view'), ('practice_manager', 'pm.charges.view'), ('supervisor', 'pm.charges.view'),
  ('owner', 'pm.charges.view'), ('admin', 'pm.charges.view'),
  ('billing_coordinator', 'pm.fee-schedule.view'), ('practice_manager', 'pm.fee-schedule.view'),
  ('owner', 'pm.fee-schedule.view'), ('admin', 'pm.fee-schedule.view'),
  ('billing_coordinator', 'pm.fee-schedule.manage'), ('practice_manager', 'pm.fee-schedule.manage'),
  ('owner', 'pm.fee-schedule.manage'), ('admin', 'pm.fee-schedule.manage');
