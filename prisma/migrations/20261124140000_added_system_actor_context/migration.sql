-- The system actor: worker consumers (encounter generation, charge creation) act for an event's organization
-- with no staff user. Their transactions set app.user_id = '' and app.patient_scope = 'system'
-- (libs/platform/messaging systemContext). Policies of tables a consumer must read or write accept
-- "organization_id = pf_ctx_org() AND (pf_has_org_access(...) OR pf_ctx_is_system())": the organization is
-- still pinned, so a consumer can never touch another tenant's rows. A staff request always carries its user,
-- so it can never be mistaken for the system.
CREATE FUNCTION pf_ctx_is_system() RETURNS boolean LANGUAGE sql STABLE
  AS $$ SELECT pf_ctx_user() IS NULL AND pf_ctx_org() IS NOT NULL AND pf_ctx_patient_scope() = 'system' $$;
GRANT EXECUTE ON FUNCTION pf_ctx_is_system() TO cairn_app;

-- Consumers resolve the jurisdiction profile of a site (GetJurisdictionProfileQuery), so they read the
-- organization's own row and its sites.
DROP POLICY tenant_read ON pf_organizations;
CREATE POLICY tenant_read ON pf_organizations FOR SELECT
  USING (id = pf_ctx_org() AND ((SELECT pf_has_org_access(pf_ctx_org())) OR pf_ctx_is_system()));
DROP POLICY tenant_read ON pf_sites;
CREATE POLICY tenant_read ON pf_sites FOR SELECT
  USING (organization_id = pf_ctx_org() AND ((SELECT pf_has_org_access(pf_ctx_org())) OR pf_ctx_is_system()));
-- Organization-specific codes, for ValidateCodeQuery inside a consumer.
DROP POLICY tenant_read ON pf_organization_codes;
CREATE POLICY tenant_read ON pf_organization_codes FOR SELECT
  USING (organization_id = pf_ctx_org() AND ((SELECT pf_has_org_access(pf_ctx_org())) OR pf_ctx_is_system()));
