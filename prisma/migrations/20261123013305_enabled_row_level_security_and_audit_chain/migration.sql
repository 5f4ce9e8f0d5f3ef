-- Row-level security, SECURITY DEFINER helpers, grants, the append-only hash-chained audit log, and the
-- roles and permissions catalogue (ARCHITECTURE §4, docs/adr/0003-rls-and-request-context.md).
-- Raw SQL because Prisma's schema language cannot express policies, functions or triggers.
--
-- The API and worker connect as cairn_app: it owns nothing, has NOBYPASSRLS and only the grants below.
-- Every table with an organization_id has RLS ENABLED and FORCED and a policy that reads the transaction-local
-- context (set_config(..., true) at the start of each transaction by libs/platform/db).

-- ---------------------------------------------------------------------------------------------------------
-- Context readers. Plain SQL functions (inlined by the planner); a missing or empty setting reads as NULL,
-- and NULL never equals an organization id, so a transaction without context sees no tenant row.
CREATE FUNCTION pf_ctx_org() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('app.org_id', true), '')::uuid $$;
CREATE FUNCTION pf_ctx_user() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('app.user_id', true), '')::uuid $$;
CREATE FUNCTION pf_ctx_patient_scope() RETURNS text LANGUAGE sql STABLE
  AS $$ SELECT NULLIF(current_setting('app.patient_scope', true), '') $$;
-- app.site_ids is '*' (every site of the organization) or a comma-separated list of site ids.
CREATE FUNCTION pf_ctx_site_allowed(site uuid) RETURNS boolean LANGUAGE sql STABLE
  AS $$ SELECT CASE WHEN NULLIF(current_setting('app.site_ids', true), '') = '*' THEN true
              ELSE COALESCE(site = ANY (string_to_array(NULLIF(current_setting('app.site_ids', true), ''), ',')::uuid[]), false) END $$;

-- True when the context's user holds an active role binding in org, and org is the context's organization.
-- SECURITY DEFINER (owned by the BYPASSRLS owner) so it can read pf_role_bindings without recursing into
-- that table's own policy. Policies call it as (SELECT pf_has_org_access(pf_ctx_org())) so it runs once per
-- statement, not once per row.
CREATE FUNCTION pf_has_org_access(org uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT org IS NOT NULL
       AND org = pf_ctx_org()
       AND EXISTS (
         SELECT 1 FROM pf_role_bindings b
         JOIN pf_staff_users u ON u.id = b.staff_user_id AND u.status = 'active'
         WHERE b.organization_id = org AND b.staff_user_id = pf_ctx_user() AND b.revoked_at IS NULL)
  $$;

-- The patients the context's user is currently assigned to (care team), in the context's organization.
CREATE FUNCTION cl_assigned_patient_ids() RETURNS uuid[]
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT COALESCE(array_agg(DISTINCT a.patient_id), '{}')
    FROM cl_care_team_assignments a
    WHERE a.organization_id = pf_ctx_org() AND a.staff_user_id = pf_ctx_user()
      AND a.started_on <= current_date AND (a.ended_on IS NULL OR a.ended_on >= current_date)
  $$;

-- What a signed-in staff user may do, per organization: used by the auth guard before any tenant context
-- exists. Returns nothing when the user is inactive or the session (refresh-token family) was revoked.
CREATE FUNCTION pf_principal_access(p_user uuid, p_session uuid)
  RETURNS TABLE (organization_id uuid, organization_name text, organization_slug text, role_key text,
                 all_sites boolean, site_ids uuid[], permission_keys text[])
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT b.organization_id, o.name, o.slug, b.role_key, b.all_sites, b.site_ids,
           COALESCE((SELECT array_agg(rp.permission_key ORDER BY rp.permission_key)
                     FROM pf_role_permissions rp WHERE rp.role_key = b.role_key), '{}')
    FROM pf_role_bindings b
    JOIN pf_organizations o ON o.id = b.organization_id
    JOIN pf_staff_users u ON u.id = b.staff_user_id
    WHERE b.staff_user_id = p_user AND b.revoked_at IS NULL AND u.status = 'active'
      AND (p_session IS NULL OR EXISTS (
            SELECT 1 FROM pf_refresh_tokens t
            WHERE t.family_id = p_session AND t.staff_user_id = p_user AND t.revoked_at IS NULL))
    ORDER BY o.name, b.role_key
  $$;

-- The sites of the organizations a staff user is bound to (for GET /me and site pickers).
CREATE FUNCTION pf_principal_sites(p_user uuid)
  RETURNS TABLE (organization_id uuid, site_id uuid, code text, name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT DISTINCT s.organization_id, s.id, s.code, s.name
    FROM pf_sites s
    JOIN pf_role_bindings b ON b.organization_id = s.organization_id
    WHERE b.staff_user_id = p_user AND b.revoked_at IS NULL AND (b.all_sites OR s.id = ANY (b.site_ids))
    ORDER BY s.organization_id, s.name
  $$;

REVOKE EXECUTE ON FUNCTION pf_has_org_access(uuid), cl_assigned_patient_ids(), pf_principal_access(uuid, uuid),
  pf_principal_sites(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pf_has_org_access(uuid), cl_assigned_patient_ids(), pf_principal_access(uuid, uuid),
  pf_principal_sites(uuid), pf_ctx_org(), pf_ctx_user(), pf_ctx_patient_scope(), pf_ctx_site_allowed(uuid)
  TO cairn_app;

-- ---------------------------------------------------------------------------------------------------------
-- Policies. "tenant ok" = the row's organization is the context's and the user has access to it.
ALTER TABLE pf_organizations ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON pf_organizations FOR SELECT
  USING (id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())));

ALTER TABLE pf_sites ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON pf_sites FOR SELECT
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())));

ALTER TABLE pf_role_bindings ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON pf_role_bindings FOR SELECT
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())));

-- Audit events: readable within the organization; insertable only for the context's organization (or, with
-- no organization in context, only organization-less events such as a failed login).
ALTER TABLE pf_audit_events ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON pf_audit_events FOR SELECT
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())));
CREATE POLICY tenant_append ON pf_audit_events FOR INSERT
  WITH CHECK (organization_id IS NOT DISTINCT FROM pf_ctx_org());

-- Patients: the organization, and either site-wide scope over a permitted site or a current care-team
-- assignment. Writes must stay in the organization and at a permitted site.
ALTER TABLE cl_patients ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON cl_patients FOR ALL
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org()))
         AND ((pf_ctx_patient_scope() = 'site' AND pf_ctx_site_allowed(site_id))
              OR id = ANY ((SELECT cl_assigned_patient_ids())::uuid[])))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org()))
              AND pf_ctx_site_allowed(site_id));

-- Charts and care-team rows are visible exactly when their patient is (the subquery is itself under the
-- patients policy).
ALTER TABLE cl_charts ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON cl_charts FOR ALL
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org()))
         AND EXISTS (SELECT 1 FROM cl_patients p WHERE p.organization_id = cl_charts.organization_id AND p.id = cl_charts.patient_id))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())));

ALTER TABLE cl_care_team_assignments ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON cl_care_team_assignments FOR ALL
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org()))
         AND EXISTS (SELECT 1 FROM cl_patients p WHERE p.organization_id = cl_care_team_assignments.organization_id AND p.id = cl_care_team_assignments.patient_id))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())));

ALTER TABLE cl_mrn_counters ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON cl_mrn_counters FOR ALL
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())));

-- ---------------------------------------------------------------------------------------------------------
-- Grants: DML only, and only what the code needs. No DELETE anywhere yet; the audit log is INSERT + SELECT.
GRANT SELECT ON pf_organizations, pf_sites, pf_roles, pf_permissions, pf_role_permissions, pf_role_bindings TO cairn_app;
GRANT SELECT ON pf_staff_users TO cairn_app;
GRANT UPDATE (last_login_at) ON pf_staff_users TO cairn_app;
GRANT SELECT, INSERT ON pf_refresh_tokens TO cairn_app;
GRANT UPDATE (used_at, revoked_at) ON pf_refresh_tokens TO cairn_app;
GRANT SELECT, INSERT ON pf_audit_events TO cairn_app;
GRANT USAGE ON SEQUENCE pf_audit_events_id_seq TO cairn_app;
GRANT SELECT, INSERT, UPDATE ON cl_patients, cl_charts, cl_care_team_assignments, cl_mrn_counters TO cairn_app;

-- ---------------------------------------------------------------------------------------------------------
-- Audit log: append-only and hash-chained per organization.
-- Each row's hash is SHA-256 over its canonical content and the previous row's hash. The row is inserted
-- unsealed (seq, prev_hash, hash NULL) inside the audited transaction; a DEFERRED constraint trigger seals it
-- at COMMIT. Sealing takes the chain head's row lock, so concurrent writers of one organization cannot fork
-- the chain, and the lock is held only from the seal to the end of the commit (no client round trip), which
-- keeps one organization's audited requests from queueing behind each other.
CREATE FUNCTION pf_audit_canonical(e pf_audit_events) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$
    SELECT concat_ws('|',
      e.chain_key::text, e.seq::text,
      COALESCE(e.organization_id::text, '-'),
      ((extract(epoch FROM e.occurred_at) * 1000000)::bigint)::text,
      COALESCE(e.actor_user_id::text, '-'), e.actor_type, e.action, e.resource_type,
      COALESCE(e.resource_id, '-'), COALESCE(e.patient_id::text, '-'), e.scope::text, e.outcome,
      COALESCE(e.reason, '-'), COALESCE(e.request_id, '-'), COALESCE(e.ip, '-'), e.prev_hash)
  $$;

CREATE FUNCTION pf_audit_hash(e pf_audit_events) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT encode(sha256(convert_to(pf_audit_canonical(e), 'UTF8')), 'hex') $$;

-- BEFORE INSERT: derive the chain from the organization and refuse a row that claims to be sealed already.
CREATE FUNCTION pf_audit_prepare() RETURNS trigger LANGUAGE plpgsql
  AS $$
  BEGIN
    NEW.chain_key := COALESCE(NEW.organization_id, '00000000-0000-0000-0000-000000000000'::uuid);
    NEW.occurred_at := COALESCE(NEW.occurred_at, now());
    NEW.seq := NULL;
    NEW.prev_hash := NULL;
    NEW.hash := NULL;
    RETURN NEW;
  END
  $$;

CREATE TRIGGER pf_audit_events_prepare BEFORE INSERT ON pf_audit_events
  FOR EACH ROW EXECUTE FUNCTION pf_audit_prepare();

-- AFTER INSERT, deferred to COMMIT: seal the row onto its chain.
CREATE FUNCTION pf_audit_seal() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    head record;
    e pf_audit_events;
  BEGIN
    SELECT h.seq, h.last_hash INTO head FROM pf_audit_chain_heads h WHERE h.chain_key = NEW.chain_key FOR UPDATE;
    IF NOT FOUND THEN
      INSERT INTO pf_audit_chain_heads (chain_key, seq, last_hash)
        VALUES (NEW.chain_key, 0, repeat('0', 64)) ON CONFLICT (chain_key) DO NOTHING;
      SELECT h.seq, h.last_hash INTO head FROM pf_audit_chain_heads h WHERE h.chain_key = NEW.chain_key FOR UPDATE;
    END IF;
    e := NEW;
    e.seq := head.seq + 1;
    e.prev_hash := head.last_hash;
    e.hash := pf_audit_hash(e);
    PERFORM set_config('cairn.audit_sealing', 'on', true);
    UPDATE pf_audit_events SET seq = e.seq, prev_hash = e.prev_hash, hash = e.hash
      WHERE chain_key = NEW.chain_key AND id = NEW.id;
    PERFORM set_config('cairn.audit_sealing', '', true);
    UPDATE pf_audit_chain_heads SET seq = e.seq, last_hash = e.hash WHERE chain_key = NEW.chain_key;
    RETURN NULL;
  END
  $$;

CREATE CONSTRAINT TRIGGER pf_audit_events_seal AFTER INSERT ON pf_audit_events
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION pf_audit_seal();

-- The one UPDATE allowed is the seal itself (once, from unsealed to sealed, content unchanged); nothing else.
CREATE FUNCTION pf_audit_reject_change() RETURNS trigger LANGUAGE plpgsql
  AS $$
  BEGIN
    IF TG_OP = 'UPDATE' AND current_setting('cairn.audit_sealing', true) = 'on' AND OLD.hash IS NULL
       AND (OLD.chain_key, OLD.id, OLD.organization_id, OLD.occurred_at, OLD.actor_user_id, OLD.actor_type, OLD.action,
            OLD.resource_type, OLD.resource_id, OLD.patient_id, OLD.scope, OLD.outcome, OLD.reason, OLD.request_id, OLD.ip)
       IS NOT DISTINCT FROM
           (NEW.chain_key, NEW.id, NEW.organization_id, NEW.occurred_at, NEW.actor_user_id, NEW.actor_type, NEW.action,
            NEW.resource_type, NEW.resource_id, NEW.patient_id, NEW.scope, NEW.outcome, NEW.reason, NEW.request_id, NEW.ip) THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'pf_audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
  END
  $$;

CREATE TRIGGER pf_audit_events_no_update_delete BEFORE UPDATE OR DELETE ON pf_audit_events
  FOR EACH ROW EXECUTE FUNCTION pf_audit_reject_change();
CREATE TRIGGER pf_audit_events_no_truncate BEFORE TRUNCATE ON pf_audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION pf_audit_reject_change();

-- Walks one chain and reports the first broken link (NULL first_broken_seq when intact). Owner-only: the
-- API calls pf_audit_verify_current(), the CLI (npm run audit:verify) calls this per chain as the owner.
CREATE FUNCTION pf_audit_verify_chain(p_chain uuid)
  RETURNS TABLE (chain_key uuid, events_checked bigint, first_broken_seq bigint, problem text)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    e pf_audit_events;
    expected_seq bigint := 1;
    prev text := repeat('0', 64);
    n bigint := 0;
    head record;
  BEGIN
    FOR e IN SELECT * FROM pf_audit_events a WHERE a.chain_key = p_chain ORDER BY a.seq NULLS LAST LOOP
      n := n + 1;
      IF e.seq IS DISTINCT FROM expected_seq THEN
        RETURN QUERY SELECT p_chain, n, expected_seq, format('event %s is missing (found %s next)', expected_seq, e.seq);
        RETURN;
      END IF;
      IF e.prev_hash IS DISTINCT FROM prev THEN
        RETURN QUERY SELECT p_chain, n, e.seq, 'prev_hash does not match the previous event''s hash'::text;
        RETURN;
      END IF;
      IF e.hash IS DISTINCT FROM pf_audit_hash(e) THEN
        RETURN QUERY SELECT p_chain, n, e.seq, 'content does not match its hash (the event was altered)'::text;
        RETURN;
      END IF;
      prev := e.hash;
      expected_seq := expected_seq + 1;
    END LOOP;
    SELECT h.seq, h.last_hash INTO head FROM pf_audit_chain_heads h WHERE h.chain_key = p_chain;
    IF FOUND AND (head.seq <> expected_seq - 1 OR head.last_hash <> prev) THEN
      RETURN QUERY SELECT p_chain, n, expected_seq, format('chain head is at event %s but the log ends at %s (events removed)', head.seq, expected_seq - 1);
      RETURN;
    END IF;
    RETURN QUERY SELECT p_chain, n, NULL::bigint, NULL::text;
  END
  $$;

CREATE FUNCTION pf_audit_verify_current()
  RETURNS TABLE (chain_key uuid, events_checked bigint, first_broken_seq bigint, problem text)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    IF NOT pf_has_org_access(pf_ctx_org()) THEN
      RAISE EXCEPTION 'no organization access in this context' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN QUERY SELECT * FROM pf_audit_verify_chain(pf_ctx_org());
  END
  $$;

REVOKE EXECUTE ON FUNCTION pf_audit_prepare(), pf_audit_seal(), pf_audit_verify_chain(uuid), pf_audit_verify_current(),
  pf_audit_reject_change() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pf_audit_verify_current() TO cairn_app;

-- ---------------------------------------------------------------------------------------------------------
-- Roles and permission keys (PF-02). The same keys are listed in libs/platform/tenancy/src/permissions.ts; a test
-- checks the two agree.
INSERT INTO pf_permissions (key, description) VALUES
  ('patients.view', 'Read patient demographics and charts within scope'),
  ('patients.edit', 'Register patients and update demographics, charts and care teams'),
  ('patients.site-wide', 'See every patient of the permitted sites, not only those on one''s care team'),
  ('audit.view', 'Read and export the audit log of the organization'),
  ('audit.verify', 'Verify the audit log''s hash chain'),
  ('cl.group-encounter-generation.view', 'View generated group encounters awaiting review'),
  ('cl.group-encounter-generation.approve', 'Approve or reject generated group encounters'),
  ('cl.group-encounter-generation.edit', 'Edit the proposed codes and modifiers of generated group encounters'),
  ('hr.productivity.view', 'View de-identified provider productivity analytics'),
  ('dashboards.export', 'Export dashboard data'),
  ('dashboards.cross-site', 'View dashboards across all sites of the organization');

INSERT INTO pf_roles (key, name, description) VALUES
  ('clinician', 'Clinician', 'Licensed therapist or counselor; sees the patients on their care team'),
  ('peer_specialist', 'Peer specialist', 'Peer recovery support; sees the patients on their care team'),
  ('supervisor', 'Clinical supervisor', 'Supervises clinicians; reviews and approves group encounters'),
  ('billing_coordinator', 'Billing coordinator', 'Reviews encounters and charges'),
  ('front_desk', 'Front desk', 'Registers patients and manages the schedule at their sites'),
  ('treatment_coordinator', 'Treatment coordinator', 'Coordinates admissions and care teams'),
  ('practice_manager', 'Practice manager', 'Runs the practice: dashboards, audit'),
  ('owner', 'Owner', 'Owner of the organization: every permission'),
  ('hr', 'HR planner', 'Workforce analytics without access to clinical records'),
  ('admin', 'Administrator', 'System administrator of the organization: every permission');

INSERT INTO pf_role_permissions (role_key, permission_key)
SELECT r, p FROM (VALUES
  ('clinician', 'patients.view'), ('clinician', 'patients.edit'),
  ('peer_specialist', 'patients.view'),
  ('supervisor', 'patients.view'), ('supervisor', 'patients.edit'), ('supervisor', 'patients.site-wide'),
  ('supervisor', 'cl.group-encounter-generation.view'), ('supervisor', 'cl.group-encounter-generation.approve'),
  ('supervisor', 'cl.group-encounter-generation.edit'), ('supervisor', 'dashboards.export'),
  ('billing_coordinator', 'patients.view'), ('billing_coordinator', 'patients.site-wide'),
  ('billing_coordinator', 'cl.group-encounter-generation.view'), ('billing_coordinator', 'cl.group-encounter-generation.approve'),
  ('billing_coordinator', 'cl.group-encounter-generation.edit'),
  ('front_desk', 'patients.view'), ('front_desk', 'patients.edit'), ('front_desk', 'patients.site-wide'),
  ('treatment_coordinator', 'patients.view'), ('treatment_coordinator', 'patients.edit'), ('treatment_coordinator', 'patients.site-wide'),
  ('practice_manager', 'patients.view'), ('practice_manager', 'patients.site-wide'), ('practice_manager', 'audit.view'),
  ('practice_manager', 'dashboards.export'), ('practice_manager', 'dashboards.cross-site'), ('practice_manager', 'hr.productivity.view'),
  ('hr', 'hr.productivity.view'), ('hr', 'dashboards.export')
) AS v(r, p)
UNION ALL
SELECT role_key, key FROM pf_permissions CROSS JOIN (VALUES ('owner'), ('admin')) AS o(role_key);
