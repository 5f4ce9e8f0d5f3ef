-- CreateTable
CREATE TABLE "cl_groups" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "group_type" TEXT NOT NULL,
    "sud_program" BOOLEAN NOT NULL DEFAULT false,
    "default_modality" TEXT NOT NULL DEFAULT 'in_person',
    "facilitator_ids" UUID[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" UUID NOT NULL,

    CONSTRAINT "cl_groups_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "cl_group_sessions" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "group_id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "session_date" DATE NOT NULL,
    "start_time" TEXT NOT NULL,
    "end_time" TEXT NOT NULL,
    "facilitator_id" UUID NOT NULL,
    "modality" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'draft',
    "documented_at" TIMESTAMPTZ(6),
    "documented_by" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" UUID NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cl_group_sessions_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "cl_group_attendance" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "session_id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "chart_id" UUID NOT NULL,
    "status" TEXT NOT NULL,
    "minutes_attended" INTEGER NOT NULL,
    "arrival_time" TEXT,
    "departure_time" TEXT,
    "recorded_by" UUID NOT NULL,
    "recorded_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cl_group_attendance_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateIndex
CREATE INDEX "cl_groups_organization_id_site_id_name_idx" ON "cl_groups"("organization_id", "site_id", "name");

-- CreateIndex
CREATE INDEX "cl_group_sessions_organization_id_site_id_session_date_idx" ON "cl_group_sessions"("organization_id", "site_id", "session_date");

-- CreateIndex
CREATE INDEX "cl_group_sessions_organization_id_group_id_session_date_idx" ON "cl_group_sessions"("organization_id", "group_id", "session_date");

-- CreateIndex
CREATE INDEX "cl_group_attendance_organization_id_patient_id_idx" ON "cl_group_attendance"("organization_id", "patient_id");

-- CreateIndex
CREATE UNIQUE INDEX "cl_group_attendance_organization_id_session_id_patient_id_key" ON "cl_group_attendance"("organization_id", "session_id", "patient_id");

-- AddForeignKey
ALTER TABLE "cl_group_sessions" ADD CONSTRAINT "cl_group_sessions_organization_id_group_id_fkey" FOREIGN KEY ("organization_id", "group_id") REFERENCES "cl_groups"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cl_group_attendance" ADD CONSTRAINT "cl_group_attendance_organization_id_session_id_fkey" FOREIGN KEY ("organization_id", "session_id") REFERENCES "cl_group_sessions"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cl_group_attendance" ADD CONSTRAINT "cl_group_attendance_organization_id_patient_id_fkey" FOREIGN KEY ("organization_id", "patient_id") REFERENCES "cl_patients"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- ---------------------------------------------------------------------------------------------------------
-- Raw SQL below: rules Prisma's schema language cannot express (checks, lock triggers, row-level security,
-- grants, permissions). See DEVELOPMENT.md "Add a migration".

-- Closed vocabularies and time rules, enforced by the database as well as the API (libs/cl group-session-rules).
-- HH:MM is zero-padded, so text order is time order.
ALTER TABLE cl_groups ADD CONSTRAINT cl_groups_group_type_check
  CHECK (group_type IN ('psychotherapy_group', 'multi_family_group', 'sud_group_counseling', 'peer_support_group', 'psychosocial_rehabilitation_group'));
ALTER TABLE cl_groups ADD CONSTRAINT cl_groups_modality_check CHECK (default_modality IN ('in_person', 'telehealth_video'));
ALTER TABLE cl_groups ADD CONSTRAINT cl_groups_facilitators_check CHECK (facilitator_ids IS NOT NULL AND cardinality(facilitator_ids) >= 1);
ALTER TABLE cl_group_sessions ADD CONSTRAINT cl_group_sessions_modality_check CHECK (modality IN ('in_person', 'telehealth_video'));
ALTER TABLE cl_group_sessions ADD CONSTRAINT cl_group_sessions_times_check
  CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' AND end_time > start_time);
ALTER TABLE cl_group_sessions ADD CONSTRAINT cl_group_sessions_status_check
  CHECK (status IN ('draft', 'documented') AND (status = 'documented') = (documented_at IS NOT NULL AND documented_by IS NOT NULL));
ALTER TABLE cl_group_attendance ADD CONSTRAINT cl_group_attendance_status_check
  CHECK (status IN ('present', 'partial', 'absent') AND minutes_attended >= 0 AND (status = 'absent') = (minutes_attended = 0));
ALTER TABLE cl_group_attendance ADD CONSTRAINT cl_group_attendance_times_check
  CHECK ((arrival_time IS NULL OR arrival_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')
         AND (departure_time IS NULL OR departure_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$')
         AND (arrival_time IS NULL OR departure_time IS NULL OR departure_time > arrival_time));

-- A documented session is locked: its note, times and status never change again; its attendance neither
-- (rows can be neither added nor changed). The attendance check reads the session as the owner (SECURITY
-- DEFINER) so it holds whatever the caller's row-level scope.
CREATE FUNCTION cl_group_session_lock() RETURNS trigger LANGUAGE plpgsql
  AS $$
  BEGIN
    IF OLD.status = 'documented' THEN
      RAISE EXCEPTION 'group session % is documented and locked', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END
  $$;
CREATE TRIGGER cl_group_sessions_lock BEFORE UPDATE ON cl_group_sessions
  FOR EACH ROW EXECUTE FUNCTION cl_group_session_lock();
REVOKE EXECUTE ON FUNCTION cl_group_session_lock() FROM PUBLIC;

CREATE FUNCTION cl_group_attendance_lock() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    IF EXISTS (SELECT 1 FROM cl_group_sessions s WHERE s.organization_id = NEW.organization_id AND s.id = NEW.session_id AND s.status = 'documented')
       OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM cl_group_sessions s WHERE s.organization_id = OLD.organization_id AND s.id = OLD.session_id AND s.status = 'documented')) THEN
      RAISE EXCEPTION 'the attendance of group session % is locked', NEW.session_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END
  $$;
CREATE TRIGGER cl_group_attendance_lock BEFORE INSERT OR UPDATE ON cl_group_attendance
  FOR EACH ROW EXECUTE FUNCTION cl_group_attendance_lock();
REVOKE EXECUTE ON FUNCTION cl_group_attendance_lock() FROM PUBLIC;

-- How many attendance rows a session has, whatever the caller's patient scope: documenting needs the whole
-- roster (the event lists every attendee), so a signer who cannot see some of them is refused rather than
-- publishing a partial roster. Returns a count only, and only within the context's organization.
CREATE FUNCTION cl_group_session_attendee_count(p_session uuid) RETURNS integer
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT count(*)::int FROM cl_group_attendance a WHERE a.organization_id = pf_ctx_org() AND a.session_id = p_session $$;
REVOKE EXECUTE ON FUNCTION cl_group_session_attendee_count(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cl_group_session_attendee_count(uuid) TO cairn_app;

-- Row-level security. Groups and sessions: the organization and a permitted site. Attendance: that, and the
-- patient must be visible to the caller (the subquery runs under cl_patients' policy: site-wide or care
-- team), exactly like progress notes and charts. Part 2 (sud_program groups) is enforced when attendance is
-- read: the row stays visible so the roster is complete, but the patient's identity is shown only when
-- cl_check_sud_consent(chart_id, 'group_encounter', user) allows it (libs/cl group-sessions).
ALTER TABLE cl_groups ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON cl_groups FOR ALL
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())) AND pf_ctx_site_allowed(site_id))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())) AND pf_ctx_site_allowed(site_id));

ALTER TABLE cl_group_sessions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON cl_group_sessions FOR ALL
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())) AND pf_ctx_site_allowed(site_id))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())) AND pf_ctx_site_allowed(site_id));

ALTER TABLE cl_group_attendance ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON cl_group_attendance FOR ALL
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())) AND pf_ctx_site_allowed(site_id)
         AND EXISTS (SELECT 1 FROM cl_patients p WHERE p.organization_id = cl_group_attendance.organization_id AND p.id = cl_group_attendance.patient_id))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())) AND pf_ctx_site_allowed(site_id)
              AND EXISTS (SELECT 1 FROM cl_patients p WHERE p.organization_id = cl_group_attendance.organization_id AND p.id = cl_group_attendance.patient_id));

-- DML only (nothing is ever deleted: a documented session is the record of what happened).
GRANT SELECT, INSERT, UPDATE ON cl_groups, cl_group_sessions, cl_group_attendance TO cairn_app;

-- Permissions (DEVELOPMENT.md "Add a permission"). Facilitators document; supervisors and managers define groups;
-- billing may read rosters (payment); owner and admin hold every key explicitly.
INSERT INTO pf_permissions (key, description) VALUES
  ('cl.groups.view', 'View therapy groups, their sessions and attendance'),
  ('cl.groups.manage', 'Define therapy groups: type, SUD program flag, site and facilitators'),
  ('cl.group-sessions.document', 'Schedule group sessions, record attendance, write and sign the shared group note');
INSERT INTO pf_role_permissions (role_key, permission_key) VALUES
  ('clinician', 'cl.groups.view'), ('clinician', 'cl.group-sessions.document'),
  ('peer_specialist', 'cl.groups.view'), ('peer_specialist', 'cl.group-sessions.document'),
  ('supervisor', 'cl.groups.view'), ('supervisor', 'cl.groups.manage'), ('supervisor', 'cl.group-sessions.document'),
  ('billing_coordinator', 'cl.groups.view'),
  ('treatment_coordinator', 'cl.groups.view'),
  ('practice_manager', 'cl.groups.view'), ('practice_manager', 'cl.groups.manage'),
  ('owner', 'cl.groups.view'), ('owner', 'cl.groups.manage'), ('owner', 'cl.group-sessions.document'),
  ('admin', 'cl.groups.view'), ('admin', 'cl.groups.manage'), ('admin', 'cl.group-sessions.document');
