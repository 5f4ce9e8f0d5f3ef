-- CreateTable
CREATE TABLE "po_accounts" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "password_hash" TEXT,
    "status" TEXT NOT NULL DEFAULT 'invited',
    "invited_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "activated_at" TIMESTAMPTZ(6),
    "disabled_at" TIMESTAMPTZ(6),
    "disabled_by" UUID,

    CONSTRAINT "po_accounts_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "po_invitations" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "used_at" TIMESTAMPTZ(6),
    "revoked_at" TIMESTAMPTZ(6),
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "po_invitations_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "po_refresh_tokens" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "account_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "family_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "issued_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "used_at" TIMESTAMPTZ(6),
    "revoked_at" TIMESTAMPTZ(6),

    CONSTRAINT "po_refresh_tokens_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "po_files" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "owner_kind" TEXT NOT NULL,
    "owner_id" UUID,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "shared_with_clinician" BOOLEAN NOT NULL DEFAULT true,
    "created_by_kind" TEXT NOT NULL,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "po_files_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "po_notifications" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "record_kind" TEXT NOT NULL,
    "record_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(6),
    "read_by" UUID,

    CONSTRAINT "po_notifications_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "po_mood_entries" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "entry_date" DATE NOT NULL,
    "score" INTEGER NOT NULL,
    "symptoms" TEXT[],
    "note" TEXT,
    "shared_with_clinician" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "po_mood_entries_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "po_journal_entries" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "title" TEXT,
    "body" TEXT NOT NULL,
    "shared_with_clinician" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "po_journal_entries_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "po_prompts" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "available_from" TIMESTAMPTZ(6) NOT NULL,
    "ends_on" DATE,
    "closed_at" TIMESTAMPTZ(6),
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "po_prompts_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "po_prompt_responses" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "prompt_id" UUID NOT NULL,
    "response_date" DATE NOT NULL,
    "body" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "po_prompt_responses_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "po_accounts_email_key" ON "po_accounts"("email");

-- CreateIndex
CREATE UNIQUE INDEX "po_accounts_organization_id_patient_id_key" ON "po_accounts"("organization_id", "patient_id");

-- CreateIndex
CREATE UNIQUE INDEX "po_invitations_token_hash_key" ON "po_invitations"("token_hash");

-- CreateIndex
CREATE INDEX "po_invitations_organization_id_account_id_idx" ON "po_invitations"("organization_id", "account_id");

-- CreateIndex
CREATE UNIQUE INDEX "po_refresh_tokens_token_hash_key" ON "po_refresh_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "po_refresh_tokens_organization_id_family_id_idx" ON "po_refresh_tokens"("organization_id", "family_id");

-- CreateIndex
CREATE INDEX "po_refresh_tokens_organization_id_account_id_idx" ON "po_refresh_tokens"("organization_id", "account_id");

-- CreateIndex
CREATE INDEX "po_files_organization_id_patient_id_idx" ON "po_files"("organization_id", "patient_id");

-- CreateIndex
CREATE INDEX "po_files_organization_id_owner_kind_owner_id_idx" ON "po_files"("organization_id", "owner_kind", "owner_id");

-- CreateIndex
CREATE INDEX "po_notifications_organization_id_patient_id_created_at_idx" ON "po_notifications"("organization_id", "patient_id", "created_at");

-- CreateIndex
CREATE INDEX "po_mood_entries_organization_id_patient_id_entry_date_idx" ON "po_mood_entries"("organization_id", "patient_id", "entry_date");

-- CreateIndex
CREATE INDEX "po_journal_entries_organization_id_patient_id_created_at_idx" ON "po_journal_entries"("organization_id", "patient_id", "created_at");

-- CreateIndex
CREATE INDEX "po_prompts_organization_id_patient_id_idx" ON "po_prompts"("organization_id", "patient_id");

-- CreateIndex
CREATE UNIQUE INDEX "po_prompt_responses_organization_id_prompt_id_response_date_key" ON "po_prompt_responses"("organization_id", "prompt_id", "response_date");

-- =========================================================================================================
-- Relationship-based row-level security for the portal (issue 18 item 2; docs/adr/0015). Raw SQL: Prisma's
-- schema language cannot express policies, functions or grants.
--
-- Three subjects, one rule for every portal table (po_*), each of which carries organization_id and patient_id:
-- - the client: a portal transaction (app.patient_scope = 'portal', app.user_id = the portal account) sees and
--   writes the rows of its own patient only, while the account is active and the patient is active in CL;
-- - the patient's current primary therapist (CL's care-team assignment of role primary_therapist, today): the
--   rows the client shared (a table without a sharing flag is shared by nature), read-only unless the table is
--   written by staff;
-- - holders of portal.admin: every row of the organization, shared or not.
-- Staff subjects also pass the chart's 42 CFR Part 2 consent check ('chart' records), as for the chart itself.
-- Nothing here is a handler rule: reassigning the primary therapist moves access in the next statement.
-- =========================================================================================================

-- A permission key held by the context's staff user in the context's organization (active user and binding).
-- SECURITY DEFINER: reads the bindings and the role catalogue without their own policies.
CREATE FUNCTION pf_ctx_has_permission(p_key text) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT pf_ctx_org() IS NOT NULL AND pf_ctx_user() IS NOT NULL AND EXISTS (
      SELECT 1 FROM pf_role_bindings b
      JOIN pf_staff_users u ON u.id = b.staff_user_id AND u.status = 'active'
      JOIN pf_role_permissions rp ON rp.role_key = b.role_key AND rp.permission_key = p_key
      WHERE b.organization_id = pf_ctx_org() AND b.staff_user_id = pf_ctx_user() AND b.revoked_at IS NULL)
  $$;

-- CL facts the portal's policies need, behind CL's own helpers (the portal names no cl_ table):
-- is p_user the patient's current primary therapist (in the context's organization)?
CREATE FUNCTION cl_is_primary_therapist(p_patient uuid, p_user uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT p_patient IS NOT NULL AND p_user IS NOT NULL AND EXISTS (
      SELECT 1 FROM cl_care_team_assignments a
      WHERE a.organization_id = pf_ctx_org() AND a.patient_id = p_patient AND a.staff_user_id = p_user
        AND a.role = 'primary_therapist' AND a.started_on <= current_date AND (a.ended_on IS NULL OR a.ended_on >= current_date))
  $$;
-- may p_user see the patient's chart under 42 CFR Part 2 (true when the chart is not under Part 2 or the patient
-- has no chart yet; the decision is cl_check_sud_consent's, for 'chart' records)?
CREATE FUNCTION cl_patient_chart_consented(p_patient uuid, p_user uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT COALESCE((SELECT cl_check_sud_consent(ch.id, 'chart', p_user) FROM cl_charts ch
                     WHERE ch.organization_id = pf_ctx_org() AND ch.patient_id = p_patient), true)
  $$;
-- is the patient active in CL (not inactive/discharged, not deceased, not erased)?
CREATE FUNCTION cl_patient_is_active(p_org uuid, p_patient uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT EXISTS (SELECT 1 FROM cl_patients p WHERE p.organization_id = p_org AND p.id = p_patient AND p.status = 'active')
  $$;

-- is the patient in the context's staff scope, as cl_patients' own policy decides it (site-wide scope over a
-- permitted site, or the current care team)?
CREATE FUNCTION cl_patient_in_scope(p_patient uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT EXISTS (SELECT 1 FROM cl_patients p
                   WHERE p.organization_id = pf_ctx_org() AND p.id = p_patient AND pf_has_org_access(pf_ctx_org())
                     AND ((pf_ctx_patient_scope() = 'site' AND pf_ctx_site_allowed(p.site_id)) OR p.id = ANY (cl_assigned_patient_ids())))
  $$;

-- The patient of the portal transaction's client: the active account named by app.user_id, in the context's
-- organization, whose patient is active. NULL in every staff or system transaction (their scope is not 'portal').
-- SECURITY DEFINER so that po_accounts' own policy (which calls it) does not recurse.
CREATE FUNCTION po_ctx_client_patient() RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT a.patient_id FROM po_accounts a
    WHERE pf_ctx_patient_scope() = 'portal' AND a.organization_id = pf_ctx_org() AND a.id = pf_ctx_user()
      AND a.status = 'active' AND cl_patient_is_active(a.organization_id, a.patient_id)
  $$;

-- Is the context a staff member who may see this patient's portal rows at all: the patient exists and is in the
-- caller's CL scope (so portal access is never wider than the chart's), and the chart's consent check allows it.
CREATE FUNCTION po_staff_may_see_patient(p_patient uuid) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$ SELECT pf_ctx_patient_scope() IS DISTINCT FROM 'portal' AND (SELECT pf_has_org_access(pf_ctx_org()))
               AND cl_patient_in_scope(p_patient) AND cl_patient_chart_consented(p_patient, pf_ctx_user()) $$;

-- Read rule of a portal row: the client's own; staff: portal.admin everything, the current primary therapist
-- the shared rows.
CREATE FUNCTION po_row_visible(p_org uuid, p_patient uuid, p_shared boolean) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$
    SELECT p_org = pf_ctx_org() AND (
      p_patient = (SELECT po_ctx_client_patient())
      OR (po_staff_may_see_patient(p_patient)
          AND ((SELECT pf_ctx_has_permission('portal.admin')) OR (p_shared AND cl_is_primary_therapist(p_patient, pf_ctx_user())))))
  $$;

-- Write rule: p_writer says who writes the table: 'client' (the client's own records), 'staff' (what the
-- therapist creates for the client: the current primary therapist or a portal admin) or 'both'.
CREATE FUNCTION po_row_writable(p_org uuid, p_patient uuid, p_writer text) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$
    SELECT p_org = pf_ctx_org() AND (
      (p_writer IN ('client', 'both') AND p_patient = (SELECT po_ctx_client_patient()))
      OR (p_writer IN ('staff', 'both') AND po_staff_may_see_patient(p_patient)
          AND ((SELECT pf_ctx_has_permission('portal.admin')) OR cl_is_primary_therapist(p_patient, pf_ctx_user()))))
  $$;

-- Account rule (accounts, invitations, refresh tokens): the client's own; staff who manage portal accounts or
-- administer the portal, for the patients in their CL scope (whoever may see the patient invites them).
CREATE FUNCTION po_account_row_visible(p_org uuid, p_patient uuid) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$
    SELECT p_org = pf_ctx_org() AND (
      p_patient = (SELECT po_ctx_client_patient())
      OR (pf_ctx_patient_scope() IS DISTINCT FROM 'portal' AND (SELECT pf_has_org_access(pf_ctx_org())) AND cl_patient_in_scope(p_patient)
          AND ((SELECT pf_ctx_has_permission('portal.admin')) OR (SELECT pf_ctx_has_permission('portal.accounts.manage')))))
  $$;

-- Who the context is to a patient, for the portal: 'client', 'admin' (portal.admin), 'primary_therapist', or NULL.
-- Handlers ask it to answer 404 before a write the policies would refuse; the policies above decide regardless.
CREATE FUNCTION po_relationship(p_patient uuid) RETURNS text
  LANGUAGE sql STABLE
  AS $$
    SELECT CASE
      WHEN p_patient = (SELECT po_ctx_client_patient()) THEN 'client'
      WHEN NOT po_staff_may_see_patient(p_patient) THEN NULL
      WHEN (SELECT pf_ctx_has_permission('portal.admin')) THEN 'admin'
      WHEN cl_is_primary_therapist(p_patient, pf_ctx_user()) THEN 'primary_therapist'
    END
  $$;

REVOKE EXECUTE ON FUNCTION pf_ctx_has_permission(text), cl_is_primary_therapist(uuid, uuid), cl_patient_chart_consented(uuid, uuid),
  cl_patient_is_active(uuid, uuid), cl_patient_in_scope(uuid), po_ctx_client_patient() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pf_ctx_has_permission(text), cl_is_primary_therapist(uuid, uuid), cl_patient_chart_consented(uuid, uuid),
  cl_patient_is_active(uuid, uuid), cl_patient_in_scope(uuid), po_ctx_client_patient() TO cairn_app;

-- Account tables.
ALTER TABLE po_accounts ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_account ON po_accounts FOR ALL
  USING (po_account_row_visible(organization_id, patient_id)) WITH CHECK (po_account_row_visible(organization_id, patient_id));
ALTER TABLE po_invitations ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_account ON po_invitations FOR ALL
  USING (po_account_row_visible(organization_id, patient_id)) WITH CHECK (po_account_row_visible(organization_id, patient_id));
ALTER TABLE po_refresh_tokens ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_account ON po_refresh_tokens FOR ALL
  USING (po_account_row_visible(organization_id, patient_id)) WITH CHECK (po_account_row_visible(organization_id, patient_id));
GRANT SELECT, INSERT, UPDATE ON po_accounts, po_invitations, po_refresh_tokens TO cairn_app;

-- Files: written by both (a client's homework worksheet, a therapist's resource), visible as their row.
ALTER TABLE po_files ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_read ON po_files FOR SELECT USING (po_row_visible(organization_id, patient_id, shared_with_clinician));
CREATE POLICY portal_write ON po_files FOR INSERT WITH CHECK (po_row_writable(organization_id, patient_id, 'both'));
-- Attaching a file to the record that uses it; its bytes, type and size never change (column grants).
CREATE POLICY portal_attach ON po_files FOR UPDATE
  USING (po_row_writable(organization_id, patient_id, 'both')) WITH CHECK (po_row_writable(organization_id, patient_id, 'both'));
GRANT SELECT, INSERT ON po_files TO cairn_app;
GRANT UPDATE (owner_kind, owner_id, shared_with_clinician) ON po_files TO cairn_app;

-- Notifications: written by the client's activity, read and marked read by the therapist (always shared: they
-- exist to be seen; what they point at keeps its own rule).
ALTER TABLE po_notifications ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_read ON po_notifications FOR SELECT USING (po_row_visible(organization_id, patient_id, true));
CREATE POLICY portal_write ON po_notifications FOR INSERT WITH CHECK (po_row_writable(organization_id, patient_id, 'client'));
CREATE POLICY portal_mark_read ON po_notifications FOR UPDATE
  USING (po_row_visible(organization_id, patient_id, true)) WITH CHECK (po_row_writable(organization_id, patient_id, 'staff'));
GRANT SELECT, INSERT, UPDATE ON po_notifications TO cairn_app;

-- Wakes the live notification streams (LISTEN po_notifications in the API): the organization only, at commit.
-- Each stream then reads under its own user's context, so the policy decides what it gets.
CREATE FUNCTION po_notifications_notify() RETURNS trigger LANGUAGE plpgsql
  AS $$ BEGIN PERFORM pg_notify('po_notifications', NEW.organization_id::text); RETURN NULL; END $$;
CREATE TRIGGER po_notifications_notify AFTER INSERT ON po_notifications FOR EACH ROW EXECUTE FUNCTION po_notifications_notify();

-- Mood and journal entries: the client's own records; the therapist reads what was shared.
ALTER TABLE po_mood_entries ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_read ON po_mood_entries FOR SELECT USING (po_row_visible(organization_id, patient_id, shared_with_clinician));
CREATE POLICY portal_write ON po_mood_entries FOR INSERT WITH CHECK (po_row_writable(organization_id, patient_id, 'client'));
CREATE POLICY portal_update ON po_mood_entries FOR UPDATE
  USING (po_row_writable(organization_id, patient_id, 'client')) WITH CHECK (po_row_writable(organization_id, patient_id, 'client'));
ALTER TABLE po_journal_entries ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_read ON po_journal_entries FOR SELECT USING (po_row_visible(organization_id, patient_id, shared_with_clinician));
CREATE POLICY portal_write ON po_journal_entries FOR INSERT WITH CHECK (po_row_writable(organization_id, patient_id, 'client'));
CREATE POLICY portal_update ON po_journal_entries FOR UPDATE
  USING (po_row_writable(organization_id, patient_id, 'client')) WITH CHECK (po_row_writable(organization_id, patient_id, 'client'));
GRANT SELECT, INSERT, UPDATE ON po_mood_entries, po_journal_entries TO cairn_app;

-- Prompts and check-ins: created (and closed) by the therapist; answered by the client.
ALTER TABLE po_prompts ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_read ON po_prompts FOR SELECT USING (po_row_visible(organization_id, patient_id, true));
CREATE POLICY portal_write ON po_prompts FOR INSERT WITH CHECK (po_row_writable(organization_id, patient_id, 'staff'));
CREATE POLICY portal_update ON po_prompts FOR UPDATE
  USING (po_row_writable(organization_id, patient_id, 'both')) WITH CHECK (po_row_writable(organization_id, patient_id, 'both'));
ALTER TABLE po_prompt_responses ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_read ON po_prompt_responses FOR SELECT USING (po_row_visible(organization_id, patient_id, true));
CREATE POLICY portal_write ON po_prompt_responses FOR INSERT WITH CHECK (po_row_writable(organization_id, patient_id, 'client'));
GRANT SELECT, INSERT, UPDATE ON po_prompts TO cairn_app;
GRANT SELECT, INSERT ON po_prompt_responses TO cairn_app;

-- ---------------------------------------------------------------------------------------------------------
-- Sign-in before a tenant exists. The login names no organization, so the account is found by these narrow
-- SECURITY DEFINER functions; everything after runs in the client's own RLS transaction.
-- The account to check a password against (lower-case email), or nothing.
CREATE FUNCTION po_auth_account_by_email(p_email text)
  RETURNS TABLE (organization_id uuid, account_id uuid, patient_id uuid, password_hash text, status text, patient_active boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT a.organization_id, a.id, a.patient_id, a.password_hash, a.status, cl_patient_is_active(a.organization_id, a.patient_id)
    FROM po_accounts a WHERE a.email = lower(p_email)
  $$;
-- The refresh token's session, or nothing.
CREATE FUNCTION po_auth_refresh_token(p_token_hash text)
  RETURNS TABLE (organization_id uuid, account_id uuid, patient_id uuid, family_id uuid, used boolean, revoked boolean, expired boolean)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT t.organization_id, t.account_id, t.patient_id, t.family_id, t.used_at IS NOT NULL, t.revoked_at IS NOT NULL, t.expires_at <= now()
    FROM po_refresh_tokens t WHERE t.token_hash = p_token_hash
  $$;
-- Reuse of a spent refresh token: revokes its whole family (the client's transaction may no longer exist, e.g.
-- the account was disabled meanwhile, so this cannot depend on the client's policy).
CREATE FUNCTION po_auth_revoke_family(p_token_hash text) RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH t AS (SELECT organization_id, family_id FROM po_refresh_tokens WHERE token_hash = p_token_hash),
         r AS (UPDATE po_refresh_tokens x SET revoked_at = now() FROM t
               WHERE x.organization_id = t.organization_id AND x.family_id = t.family_id AND x.revoked_at IS NULL RETURNING 1)
    SELECT count(*)::int FROM r
  $$;
-- Accepts an invitation: sets the password and activates the account, spending the token, in one statement
-- (single use: two racing acceptances cannot both win). Returns the account, or nothing for an unknown, used,
-- superseded or expired token, a disabled account or an inactive patient.
CREATE FUNCTION po_auth_accept_invitation(p_token_hash text, p_password_hash text)
  RETURNS TABLE (organization_id uuid, account_id uuid, patient_id uuid)
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH i AS (
      UPDATE po_invitations v SET used_at = now()
      WHERE v.token_hash = p_token_hash AND v.used_at IS NULL AND v.revoked_at IS NULL AND v.expires_at > now()
        AND EXISTS (SELECT 1 FROM po_accounts a WHERE a.organization_id = v.organization_id AND a.id = v.account_id
                    AND a.status <> 'disabled' AND cl_patient_is_active(a.organization_id, a.patient_id))
      RETURNING v.organization_id, v.account_id)
    UPDATE po_accounts a SET password_hash = p_password_hash, status = 'active', activated_at = COALESCE(a.activated_at, now())
    FROM i WHERE a.organization_id = i.organization_id AND a.id = i.account_id
    RETURNING a.organization_id, a.id, a.patient_id
  $$;
REVOKE EXECUTE ON FUNCTION po_auth_account_by_email(text), po_auth_refresh_token(text), po_auth_revoke_family(text),
  po_auth_accept_invitation(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION po_auth_account_by_email(text), po_auth_refresh_token(text), po_auth_revoke_family(text),
  po_auth_accept_invitation(text, text) TO cairn_app;

-- ---------------------------------------------------------------------------------------------------------
-- Permission keys (also in libs/platform/tenancy/src/permissions.ts).
INSERT INTO pf_permissions (key, description) VALUES
  ('portal.accounts.manage', 'Invite patients to the client portal, and disable their portal accounts'),
  ('portal.admin', 'See every portal record of the organization, including what clients did not share'),
  ('portal.activity.view', 'Read the portal activity, mood trends and portal notifications of the clients one may see'),
  ('portal.prompts.manage', 'Send daily prompts and scheduled check-ins to one''s clients through the portal'),
  ('portal.files.upload', 'Upload files (worksheets, handouts) for one''s clients to the portal');

INSERT INTO pf_role_permissions (role_key, permission_key) VALUES
  ('front_desk', 'portal.accounts.manage'), ('clinician', 'portal.accounts.manage'), ('treatment_coordinator', 'portal.accounts.manage'),
  ('practice_manager', 'portal.accounts.manage'), ('owner', 'portal.accounts.manage'), ('admin', 'portal.accounts.manage'),
  ('owner', 'portal.admin'), ('admin', 'portal.admin'),
  ('clinician', 'portal.activity.view'), ('supervisor', 'portal.activity.view'), ('owner', 'portal.activity.view'), ('admin', 'portal.activity.view'),
  ('clinician', 'portal.prompts.manage'), ('supervisor', 'portal.prompts.manage'), ('owner', 'portal.prompts.manage'), ('admin', 'portal.prompts.manage'),
  ('clinician', 'portal.files.upload'), ('supervisor', 'portal.files.upload'), ('owner', 'portal.files.upload'), ('admin', 'portal.files.upload');

-- The seed's mood scale is 1 to 10; the database refuses anything else whatever the caller.
ALTER TABLE po_mood_entries ADD CONSTRAINT po_mood_entries_score_range CHECK (score BETWEEN 1 AND 10);
