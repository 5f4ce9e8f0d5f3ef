-- PM encounters (pm_encounters): the billable record of one patient's service. Group encounters arrive through
-- CreateGroupEncountersCommand, which PM handles for CL's encounter generation (libs/platform/scheduling).

-- CreateTable
CREATE TABLE "pm_encounters" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "chart_id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "encounter_type" TEXT NOT NULL,
    "service_date" DATE NOT NULL,
    "rendering_provider_id" UUID NOT NULL,
    "duration_minutes" INTEGER NOT NULL,
    "attendance_status" TEXT,
    "source_type" TEXT NOT NULL,
    "source_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pm_encounters_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateIndex
CREATE INDEX "pm_encounters_organization_id_patient_id_service_date_idx" ON "pm_encounters"("organization_id", "patient_id", "service_date");

-- CreateIndex
CREATE UNIQUE INDEX "pm_encounters_source_patient_key" ON "pm_encounters"("organization_id", "source_type", "source_id", "patient_id");

-- ---------------------------------------------------------------------------------------------------------
-- Raw SQL below: Prisma's schema language cannot express checks, policies or grants.
ALTER TABLE pm_encounters
  ADD CONSTRAINT pm_encounters_type_check CHECK (encounter_type IN ('individual', 'group', 'peer')),
  ADD CONSTRAINT pm_encounters_source_type_check CHECK (source_type IN ('group_session', 'peer_encounter', 'appointment')),
  ADD CONSTRAINT pm_encounters_duration_check CHECK (duration_minutes >= 0 AND duration_minutes <= 1440),
  -- A group encounter is one present or partial attendee; absent attendees never get one.
  ADD CONSTRAINT pm_encounters_attendance_check CHECK (
    (encounter_type = 'group' AND attendance_status IN ('present', 'partial'))
    OR (encounter_type <> 'group' AND attendance_status IS NULL));

-- Staff see the encounters of their organization at their permitted sites; worker consumers (the system actor,
-- see 20261124140000_added_system_actor_context) create them for their event's organization. Encounters are
-- never updated or deleted by the app: corrections are new records.
ALTER TABLE pm_encounters ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON pm_encounters FOR ALL
  USING (organization_id = pf_ctx_org()
         AND (((SELECT pf_has_org_access(pf_ctx_org())) AND pf_ctx_site_allowed(site_id)) OR pf_ctx_is_system()))
  WITH CHECK (organization_id = pf_ctx_org()
         AND (((SELECT pf_has_org_access(pf_ctx_org())) AND pf_ctx_site_allowed(site_id)) OR pf_ctx_is_system()));
GRANT SELECT, INSERT ON pm_encounters TO cairn_app;
