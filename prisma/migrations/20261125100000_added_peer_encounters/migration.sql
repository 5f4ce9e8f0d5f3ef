-- CreateTable
CREATE TABLE "cl_peer_service_types" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" UUID NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cl_peer_service_types_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "cl_peer_settings" (
    "organization_id" UUID NOT NULL,
    "use_pf15" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" UUID NOT NULL,

    CONSTRAINT "cl_peer_settings_pkey" PRIMARY KEY ("organization_id")
);

-- CreateTable
CREATE TABLE "cl_peer_encounters" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "chart_id" UUID NOT NULL,
    "encounter_id" UUID,
    "peer_provider_id" UUID NOT NULL,
    "service_date" DATE NOT NULL,
    "start_time" TEXT NOT NULL,
    "end_time" TEXT NOT NULL,
    "duration_minutes" INTEGER NOT NULL,
    "service_type" TEXT NOT NULL,
    "service_type_source" TEXT NOT NULL,
    "hcpcs_code" TEXT NOT NULL,
    "unit_basis" TEXT NOT NULL,
    "units" INTEGER NOT NULL,
    "focus_notes" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "finalized_at" TIMESTAMPTZ(6),
    "finalized_by" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" UUID NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cl_peer_encounters_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "cl_peer_encounter_addenda" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "peer_encounter_id" UUID NOT NULL,
    "author_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cl_peer_encounter_addenda_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "pf_peer_encounter_types" (
    "key" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "sort_order" INTEGER NOT NULL,

    CONSTRAINT "pf_peer_encounter_types_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "cl_peer_service_types_organization_id_key_key" ON "cl_peer_service_types"("organization_id", "key");

-- CreateIndex
CREATE INDEX "cl_peer_encounters_organization_id_patient_id_service_date_idx" ON "cl_peer_encounters"("organization_id", "patient_id", "service_date");

-- CreateIndex
CREATE INDEX "cl_peer_encounters_organization_id_peer_provider_id_service_idx" ON "cl_peer_encounters"("organization_id", "peer_provider_id", "service_date");

-- CreateIndex
CREATE INDEX "cl_peer_encounter_addenda_organization_id_peer_encounter_id_idx" ON "cl_peer_encounter_addenda"("organization_id", "peer_encounter_id");

-- AddForeignKey
ALTER TABLE "cl_peer_encounters" ADD CONSTRAINT "cl_peer_encounters_organization_id_patient_id_fkey" FOREIGN KEY ("organization_id", "patient_id") REFERENCES "cl_patients"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cl_peer_encounter_addenda" ADD CONSTRAINT "cl_peer_encounter_addenda_organization_id_peer_encounter_i_fkey" FOREIGN KEY ("organization_id", "peer_encounter_id") REFERENCES "cl_peer_encounters"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------------
-- Raw SQL below: rules Prisma's schema language cannot express (checks, triggers, row-level security, grants,
-- reference rows, permissions). See DEVELOPMENT.md "Add a migration" and libs/cl README "Peer encounters".

-- PF-15 reference list `peer_encounter_type` (global, no PHI, written by migrations only). The same keys are
-- PF15_PEER_ENCOUNTER_TYPES of @cairn/platform/clinical.
INSERT INTO pf_peer_encounter_types (key, label, sort_order) VALUES
  ('peer_support', 'Peer support', 1),
  ('recovery_coaching', 'Recovery coaching', 2),
  ('crisis_peer', 'Crisis peer', 3);
GRANT SELECT ON pf_peer_encounter_types TO cairn_app;

-- Closed vocabularies and the time rule, enforced by the database as well as the API (libs/cl peer-encounter-rules).
-- HH:MM is zero-padded, so text order is time order; the duration is end - start exactly.
ALTER TABLE cl_peer_service_types
  ADD CONSTRAINT cl_peer_service_types_key_check CHECK (key ~ '^[a-z][a-z0-9_]{1,47}$'),
  ADD CONSTRAINT cl_peer_service_types_label_check CHECK (length(btrim(label)) BETWEEN 1 AND 100);
ALTER TABLE cl_peer_encounters
  ADD CONSTRAINT cl_peer_encounters_times_check
    CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND end_time > start_time),
  ADD CONSTRAINT cl_peer_encounters_duration_check
    CHECK (duration_minutes = (substr(end_time, 1, 2)::int * 60 + substr(end_time, 4, 2)::int)
                            - (substr(start_time, 1, 2)::int * 60 + substr(start_time, 4, 2)::int)),
  ADD CONSTRAINT cl_peer_encounters_source_check CHECK (service_type_source IN ('pf15', 'organization')),
  ADD CONSTRAINT cl_peer_encounters_code_check CHECK (hcpcs_code ~ '^[A-Z0-9]{2,7}$'),
  ADD CONSTRAINT cl_peer_encounters_units_check
    CHECK (unit_basis IN ('per_15_minutes', 'per_session', 'per_diem', 'per_encounter') AND units >= 0),
  ADD CONSTRAINT cl_peer_encounters_status_check
    CHECK (status IN ('draft', 'finalized')
           AND (status = 'finalized') = (finalized_at IS NOT NULL AND finalized_by IS NOT NULL)
           AND (encounter_id IS NULL OR status = 'finalized'));
ALTER TABLE cl_peer_encounter_addenda ADD CONSTRAINT cl_peer_encounter_addenda_body_check CHECK (length(btrim(body)) BETWEEN 1 AND 20000);

-- Integrity the policies cannot see (SECURITY DEFINER: it must hold whatever the caller's row-level scope):
-- the chart is the patient's chart, and the service type belongs to the vocabulary in force for the
-- organization (cl_peer_settings.use_pf15, default true: PF-15's list; false: the organization's active
-- cl_peer_service_types), checked when the type is set, so switching the setting leaves old rows as they were.
CREATE FUNCTION cl_peer_encounter_check() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    v_use_pf15 boolean;
  BEGIN
    IF TG_OP = 'INSERT' OR NEW.chart_id IS DISTINCT FROM OLD.chart_id OR NEW.patient_id IS DISTINCT FROM OLD.patient_id THEN
      IF NOT EXISTS (SELECT 1 FROM cl_charts c WHERE c.organization_id = NEW.organization_id AND c.id = NEW.chart_id AND c.patient_id = NEW.patient_id) THEN
        RAISE EXCEPTION 'chart % is not the chart of patient %', NEW.chart_id, NEW.patient_id USING ERRCODE = 'check_violation';
      END IF;
    END IF;
    IF TG_OP = 'INSERT' OR NEW.service_type IS DISTINCT FROM OLD.service_type OR NEW.service_type_source IS DISTINCT FROM OLD.service_type_source THEN
      SELECT COALESCE((SELECT s.use_pf15 FROM cl_peer_settings s WHERE s.organization_id = NEW.organization_id), true) INTO v_use_pf15;
      IF v_use_pf15 AND NOT (NEW.service_type_source = 'pf15' AND EXISTS (SELECT 1 FROM pf_peer_encounter_types t WHERE t.key = NEW.service_type))
         OR NOT v_use_pf15 AND NOT (NEW.service_type_source = 'organization' AND EXISTS (
           SELECT 1 FROM cl_peer_service_types t WHERE t.organization_id = NEW.organization_id AND t.key = NEW.service_type AND t.active)) THEN
        RAISE EXCEPTION 'service type % is not in the vocabulary in force for the organization', NEW.service_type USING ERRCODE = 'check_violation';
      END IF;
    END IF;
    RETURN NEW;
  END
  $$;
CREATE TRIGGER cl_peer_encounters_check BEFORE INSERT OR UPDATE ON cl_peer_encounters
  FOR EACH ROW EXECUTE FUNCTION cl_peer_encounter_check();
REVOKE EXECUTE ON FUNCTION cl_peer_encounter_check() FROM PUBLIC;

-- A finalized encounter is locked: nothing about it changes again (the finalizing UPDATE itself starts from a
-- draft). Corrections are addenda, which only a finalized encounter takes.
CREATE FUNCTION cl_peer_encounter_lock() RETURNS trigger LANGUAGE plpgsql
  AS $$
  BEGIN
    IF OLD.status = 'finalized' THEN
      RAISE EXCEPTION 'peer encounter % is finalized and locked', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END
  $$;
CREATE TRIGGER cl_peer_encounters_lock BEFORE UPDATE ON cl_peer_encounters
  FOR EACH ROW EXECUTE FUNCTION cl_peer_encounter_lock();
REVOKE EXECUTE ON FUNCTION cl_peer_encounter_lock() FROM PUBLIC;

CREATE FUNCTION cl_peer_encounter_addendum_check() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM cl_peer_encounters e WHERE e.organization_id = NEW.organization_id AND e.id = NEW.peer_encounter_id AND e.status = 'finalized') THEN
      RAISE EXCEPTION 'peer encounter % is not finalized: edit the draft instead', NEW.peer_encounter_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END
  $$;
CREATE TRIGGER cl_peer_encounter_addenda_check BEFORE INSERT ON cl_peer_encounter_addenda
  FOR EACH ROW EXECUTE FUNCTION cl_peer_encounter_addendum_check();
REVOKE EXECUTE ON FUNCTION cl_peer_encounter_addendum_check() FROM PUBLIC;

-- Row-level security. Peer encounters are Part 2 records (record type 'peer_encounter', CL-19 seed): a row is
-- visible and writable only in the context's organization, for a user bound to it, at a permitted site, for a
-- patient visible to the user (the subquery runs under cl_patients' policy: site-wide or care team) AND when
-- cl_check_sud_consent allows this user peer encounters of the chart (true for a chart not under Part 2).
-- The consent check runs per statement, so a revoked consent hides the rows from the next statement on.
-- Addenda follow their encounter (the EXISTS runs under the encounter policy).
ALTER TABLE cl_peer_encounters ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON cl_peer_encounters FOR ALL
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())) AND pf_ctx_site_allowed(site_id)
         AND EXISTS (SELECT 1 FROM cl_patients p WHERE p.organization_id = cl_peer_encounters.organization_id AND p.id = cl_peer_encounters.patient_id)
         AND COALESCE(cl_check_sud_consent(chart_id, 'peer_encounter', pf_ctx_user()), false))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())) AND pf_ctx_site_allowed(site_id)
         AND EXISTS (SELECT 1 FROM cl_patients p WHERE p.organization_id = cl_peer_encounters.organization_id AND p.id = cl_peer_encounters.patient_id)
         AND COALESCE(cl_check_sud_consent(chart_id, 'peer_encounter', pf_ctx_user()), false));

ALTER TABLE cl_peer_encounter_addenda ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON cl_peer_encounter_addenda FOR ALL
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org()))
         AND EXISTS (SELECT 1 FROM cl_peer_encounters e WHERE e.organization_id = cl_peer_encounter_addenda.organization_id AND e.id = cl_peer_encounter_addenda.peer_encounter_id))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org()))
         AND EXISTS (SELECT 1 FROM cl_peer_encounters e WHERE e.organization_id = cl_peer_encounter_addenda.organization_id AND e.id = cl_peer_encounter_addenda.peer_encounter_id));

-- Service types and settings: configuration of the organization (no PHI).
ALTER TABLE cl_peer_service_types ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON cl_peer_service_types FOR ALL
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())));
ALTER TABLE cl_peer_settings ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON cl_peer_settings FOR ALL
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())));

-- DML only, nothing deleted: a finalized encounter and its addenda are the record; types are deactivated.
GRANT SELECT, INSERT, UPDATE ON cl_peer_encounters, cl_peer_service_types, cl_peer_settings TO cairn_app;
GRANT SELECT, INSERT ON cl_peer_encounter_addenda TO cairn_app;

-- Permissions (DEVELOPMENT.md "Add a permission"). Peer specialists document and finalize their own encounters;
-- supervisors and clinicians read them (treatment); billing does not (focus notes are clinical: billing sees
-- the charge); owner and admin hold every key and alone change the vocabulary and the use_pf15 setting.
INSERT INTO pf_permissions (key, description) VALUES
  ('cl.peer-encounters.view', 'Read peer recovery support encounters (with focus notes) of patients in scope'),
  ('cl.peer-encounters.write', 'Document peer encounters as the peer provider: drafts and addenda'),
  ('cl.peer-encounters.finalize', 'Finalize (lock and send to billing) peer encounters one provided'),
  ('cl.peer-service-types.manage', 'Define the organization''s own peer service types'),
  ('cl.peer-settings.manage', 'Choose between the PF-15 peer service types and the organization''s own (use_pf15)');
INSERT INTO pf_role_permissions (role_key, permission_key) VALUES
  ('peer_specialist', 'cl.peer-encounters.view'), ('peer_specialist', 'cl.peer-encounters.write'), ('peer_specialist', 'cl.peer-encounters.finalize'),
  ('supervisor', 'cl.peer-encounters.view'),
  ('clinician', 'cl.peer-encounters.view'),
  ('owner', 'cl.peer-encounters.view'), ('owner', 'cl.peer-encounters.write'), ('owner', 'cl.peer-encounters.finalize'),
  ('owner', 'cl.peer-service-types.manage'), ('owner', 'cl.peer-settings.manage'),
  ('admin', 'cl.peer-encounters.view'), ('admin', 'cl.peer-encounters.write'), ('admin', 'cl.peer-encounters.finalize'),
  ('admin', 'cl.peer-service-types.manage'), ('admin', 'cl.peer-settings.manage');
