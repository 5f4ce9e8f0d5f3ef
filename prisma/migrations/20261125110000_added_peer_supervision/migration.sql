-- CreateTable
CREATE TABLE "cl_peer_supervision" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "peer_provider_id" UUID NOT NULL,
    "supervisor_id" UUID NOT NULL,
    "supervision_date" DATE NOT NULL,
    "duration_minutes" INTEGER NOT NULL,
    "modality" TEXT NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cl_peer_supervision_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateIndex
CREATE INDEX "cl_peer_supervision_peer_date_idx" ON "cl_peer_supervision"("organization_id", "peer_provider_id", "supervision_date");

-- CreateIndex
CREATE INDEX "cl_peer_supervision_supervisor_date_idx" ON "cl_peer_supervision"("organization_id", "supervisor_id", "supervision_date");

-- ---------------------------------------------------------------------------------------------------------
-- Raw SQL below: rules Prisma's schema language cannot express (checks, a trigger, row-level security,
-- grants, permissions). See DEVELOPMENT.md "Add a migration".

-- The closed modality list, the duration the hours report sums (one minute to eight hours) and "nobody supervises
-- themselves", enforced by the database as well as the API (libs/cl peer-supervision-rules).
ALTER TABLE cl_peer_supervision ADD CONSTRAINT cl_peer_supervision_modality_check CHECK (modality IN ('individual', 'group', 'telehealth', 'phone'));
ALTER TABLE cl_peer_supervision ADD CONSTRAINT cl_peer_supervision_duration_check CHECK (duration_minutes BETWEEN 1 AND 480);
ALTER TABLE cl_peer_supervision ADD CONSTRAINT cl_peer_supervision_not_self_check CHECK (peer_provider_id <> supervisor_id);
ALTER TABLE cl_peer_supervision ADD CONSTRAINT cl_peer_supervision_notes_check CHECK (char_length(notes) <= 20000);

-- Who recorded a row and when never change: the edit window (its recorder, 7 days) is counted from created_at.
CREATE FUNCTION cl_peer_supervision_guard() RETURNS trigger LANGUAGE plpgsql
  AS $$
  BEGIN
    IF NEW.created_by IS DISTINCT FROM OLD.created_by OR NEW.created_at IS DISTINCT FROM OLD.created_at THEN
      RAISE EXCEPTION 'the recorder and recording time of peer supervision % cannot change', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END
  $$;
CREATE TRIGGER cl_peer_supervision_guard BEFORE UPDATE ON cl_peer_supervision
  FOR EACH ROW EXECUTE FUNCTION cl_peer_supervision_guard();
REVOKE EXECUTE ON FUNCTION cl_peer_supervision_guard() FROM PUBLIC;

-- True when the context's user holds cl.peer-supervision.org-wide in the context's organization (an active binding
-- of an active user). SECURITY DEFINER so the policy below can ask it whatever the caller may read; evaluated once
-- per statement as a scalar subquery.
CREATE FUNCTION cl_peer_supervision_org_wide() RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT EXISTS (
      SELECT 1 FROM pf_role_bindings b
      JOIN pf_staff_users u ON u.id = b.staff_user_id AND u.status = 'active'
      JOIN pf_role_permissions rp ON rp.role_key = b.role_key AND rp.permission_key = 'cl.peer-supervision.org-wide'
      WHERE b.organization_id = pf_ctx_org() AND b.staff_user_id = pf_ctx_user() AND b.revoked_at IS NULL)
  $$;
REVOKE EXECUTE ON FUNCTION cl_peer_supervision_org_wide() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cl_peer_supervision_org_wide() TO cairn_app;

-- Row-level security. Read: the organization, and the caller is the peer or the supervisor of the row, or holds
-- cl.peer-supervision.org-wide. Insert: the recorder is the context's user and is not the supervised peer.
-- Update: the recorder only (the 7-day window is the API's), and the row stays in the organization and is never
-- turned into the recorder's own supervision. No chart, so no Part 2 consent check (the seed's phase 2).
ALTER TABLE cl_peer_supervision ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON cl_peer_supervision FOR SELECT
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org()))
         AND (peer_provider_id = pf_ctx_user() OR supervisor_id = pf_ctx_user() OR (SELECT cl_peer_supervision_org_wide())));
CREATE POLICY tenant_insert ON cl_peer_supervision FOR INSERT
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org()))
              AND created_by = pf_ctx_user() AND peer_provider_id <> pf_ctx_user());
CREATE POLICY tenant_update ON cl_peer_supervision FOR UPDATE
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())) AND created_by = pf_ctx_user())
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org()))
              AND created_by = pf_ctx_user() AND peer_provider_id <> pf_ctx_user());

-- DML only: a supervision record is never deleted (corrections are audited updates).
GRANT SELECT, INSERT, UPDATE ON cl_peer_supervision TO cairn_app;

-- Permissions (DEVELOPMENT.md "Add a permission"). Peers read and report their own supervision; supervisors record
-- it and see the organization's; owner and admin hold every key explicitly.
INSERT INTO pf_permissions (key, description) VALUES
  ('cl.peer-supervision.view', 'Read the peer supervision records one is the peer or the supervisor of'),
  ('cl.peer-supervision.org-wide', 'See every peer supervision record of the organization, not only one''s own'),
  ('cl.peer-supervision.record', 'Record peer supervision sessions and correct one''s own recent records'),
  ('cl.peer-supervision.report', 'Report supervision hours per peer specialist per month');
INSERT INTO pf_role_permissions (role_key, permission_key) VALUES
  ('peer_specialist', 'cl.peer-supervision.view'), ('peer_specialist', 'cl.peer-supervision.report'),
  ('supervisor', 'cl.peer-supervision.view'), ('supervisor', 'cl.peer-supervision.org-wide'),
  ('supervisor', 'cl.peer-supervision.record'), ('supervisor', 'cl.peer-supervision.report'),
  ('owner', 'cl.peer-supervision.view'), ('owner', 'cl.peer-supervision.org-wide'),
  ('owner', 'cl.peer-supervision.record'), ('owner', 'cl.peer-supervision.report'),
  ('admin', 'cl.peer-supervision.view'), ('admin', 'cl.peer-supervision.org-wide'),
  ('admin', 'cl.peer-supervision.record'), ('admin', 'cl.peer-supervision.report');
