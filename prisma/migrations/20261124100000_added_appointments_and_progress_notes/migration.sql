-- CreateTable
CREATE TABLE "cl_progress_notes" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "appointment_id" UUID,
    "author_id" UUID NOT NULL,
    "session_start" TIMESTAMPTZ(6) NOT NULL,
    "session_end" TIMESTAMPTZ(6) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "body" TEXT NOT NULL,
    "signed_at" TIMESTAMPTZ(6),
    "signed_by" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cl_progress_notes_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "cl_progress_note_addenda" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "note_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cl_progress_note_addenda_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "pm_service_types" (
    "organization_id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" UUID,

    CONSTRAINT "pm_service_types_pkey" PRIMARY KEY ("organization_id","code")
);

-- CreateTable
CREATE TABLE "pm_appointments" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "provider_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "service_type" TEXT NOT NULL,
    "start_at" TIMESTAMPTZ(6) NOT NULL,
    "end_at" TIMESTAMPTZ(6) NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'scheduled',
    "cancelled_by" TEXT,
    "cancelled_at" TIMESTAMPTZ(6),
    "status_changed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status_changed_by" UUID,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pm_appointments_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateIndex
CREATE INDEX "cl_progress_notes_productivity_idx" ON "cl_progress_notes"("organization_id", "signed_at", "author_id", "site_id", "session_end", "patient_id");

-- CreateIndex
CREATE INDEX "cl_progress_notes_organization_id_patient_id_idx" ON "cl_progress_notes"("organization_id", "patient_id");

-- CreateIndex
CREATE UNIQUE INDEX "cl_progress_notes_organization_id_appointment_id_key" ON "cl_progress_notes"("organization_id", "appointment_id");

-- CreateIndex
CREATE INDEX "cl_progress_note_addenda_organization_id_note_id_idx" ON "cl_progress_note_addenda"("organization_id", "note_id");

-- CreateIndex
CREATE INDEX "pm_appointments_productivity_idx" ON "pm_appointments"("organization_id", "start_at", "provider_id", "status", "site_id", "service_type", "patient_id");

-- CreateIndex
CREATE INDEX "pm_appointments_organization_id_patient_id_idx" ON "pm_appointments"("organization_id", "patient_id");

-- AddForeignKey
ALTER TABLE "cl_progress_notes" ADD CONSTRAINT "cl_progress_notes_organization_id_patient_id_fkey" FOREIGN KEY ("organization_id", "patient_id") REFERENCES "cl_patients"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cl_progress_note_addenda" ADD CONSTRAINT "cl_progress_note_addenda_organization_id_note_id_fkey" FOREIGN KEY ("organization_id", "note_id") REFERENCES "cl_progress_notes"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pm_appointments" ADD CONSTRAINT "pm_appointments_organization_id_service_type_fkey" FOREIGN KEY ("organization_id", "service_type") REFERENCES "pm_service_types"("organization_id", "code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------------
-- Raw SQL below: rules Prisma's schema language cannot express (checks, a lock trigger, row-level security,
-- grants). See DEVELOPMENT.md "Add a migration" and docs/adr/0003-rls-and-request-context.md.

-- Closed vocabularies, enforced by the database as well as the API.
ALTER TABLE pm_service_types ADD CONSTRAINT pm_service_types_category_check
  CHECK (category IN ('Individual Therapy', 'Group Services', 'Case Management', 'Assessment', 'Peer Support', 'Other'));
ALTER TABLE pm_appointments ADD CONSTRAINT pm_appointments_status_check
  CHECK (status IN ('scheduled', 'checked_in', 'completed', 'cancelled', 'late_cancelled', 'no_show'));
ALTER TABLE pm_appointments ADD CONSTRAINT pm_appointments_period_check CHECK (end_at > start_at);
-- Who cancelled, and when, is recorded exactly for the two cancellation statuses.
ALTER TABLE pm_appointments ADD CONSTRAINT pm_appointments_cancellation_check
  CHECK ((status IN ('cancelled', 'late_cancelled')) = (cancelled_by IS NOT NULL AND cancelled_at IS NOT NULL)
         AND (cancelled_by IS NULL OR cancelled_by IN ('patient', 'clinic')));
ALTER TABLE cl_progress_notes ADD CONSTRAINT cl_progress_notes_status_check
  CHECK (status IN ('draft', 'signed') AND (status = 'signed') = (signed_at IS NOT NULL AND signed_by IS NOT NULL));
ALTER TABLE cl_progress_notes ADD CONSTRAINT cl_progress_notes_session_check CHECK (session_end > session_start);

-- A signed note is locked: the database refuses any change to it (addenda are separate rows).
CREATE FUNCTION cl_progress_note_lock() RETURNS trigger LANGUAGE plpgsql
  AS $$
  BEGIN
    IF OLD.status = 'signed' THEN
      RAISE EXCEPTION 'progress note % is signed and locked', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END
  $$;
CREATE TRIGGER cl_progress_notes_lock BEFORE UPDATE ON cl_progress_notes
  FOR EACH ROW EXECUTE FUNCTION cl_progress_note_lock();
REVOKE EXECUTE ON FUNCTION cl_progress_note_lock() FROM PUBLIC;

-- Row-level security. Service types: the organization. Appointments: the organization and a permitted site.
-- Notes and addenda: visible exactly when their patient is (the subquery runs under cl_patients' policy).
ALTER TABLE pm_service_types ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON pm_service_types FOR ALL
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())));

ALTER TABLE pm_appointments ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON pm_appointments FOR ALL
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())) AND pf_ctx_site_allowed(site_id))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())) AND pf_ctx_site_allowed(site_id));

ALTER TABLE cl_progress_notes ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON cl_progress_notes FOR ALL
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org()))
         AND EXISTS (SELECT 1 FROM cl_patients p WHERE p.organization_id = cl_progress_notes.organization_id AND p.id = cl_progress_notes.patient_id))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())) AND pf_ctx_site_allowed(site_id));

ALTER TABLE cl_progress_note_addenda ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON cl_progress_note_addenda FOR ALL
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org()))
         AND EXISTS (SELECT 1 FROM cl_progress_notes n WHERE n.organization_id = cl_progress_note_addenda.organization_id AND n.id = cl_progress_note_addenda.note_id))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())));

-- DML the code needs, nothing more: no DELETE (appointments are cancelled, notes locked, addenda append-only).
GRANT SELECT, INSERT, UPDATE ON pm_service_types, pm_appointments, cl_progress_notes TO cairn_app;
GRANT SELECT, INSERT ON cl_progress_note_addenda TO cairn_app;

-- Permission keys (the same in libs/platform/tenancy/src/permissions.ts), bound to the roles that do the work
-- and explicitly to owner and admin.
INSERT INTO pf_permissions (key, description) VALUES
  ('pm.appointments.view', 'View appointments of the permitted sites'),
  ('pm.appointments.manage', 'Book and reschedule appointments and set their status'),
  ('pm.service-types.manage', 'Change the non-clinical category each service type is reported under'),
  ('cl.progress-notes.write', 'Write, edit, sign and amend progress notes for patients in scope');
INSERT INTO pf_role_permissions (role_key, permission_key) VALUES
  ('front_desk', 'pm.appointments.view'), ('front_desk', 'pm.appointments.manage'),
  ('treatment_coordinator', 'pm.appointments.view'), ('treatment_coordinator', 'pm.appointments.manage'),
  ('practice_manager', 'pm.appointments.view'), ('practice_manager', 'pm.appointments.manage'), ('practice_manager', 'pm.service-types.manage'),
  ('supervisor', 'pm.appointments.view'), ('supervisor', 'cl.progress-notes.write'),
  ('clinician', 'pm.appointments.view'), ('clinician', 'cl.progress-notes.write'),
  ('peer_specialist', 'pm.appointments.view'), ('peer_specialist', 'cl.progress-notes.write'),
  ('owner', 'pm.appointments.view'), ('owner', 'pm.appointments.manage'), ('owner', 'pm.service-types.manage'), ('owner', 'cl.progress-notes.write'),
  ('admin', 'pm.appointments.view'), ('admin', 'pm.appointments.manage'), ('admin', 'pm.service-types.manage'), ('admin', 'cl.progress-notes.write');
