-- An access token is honoured only while its session (refresh-token family) is alive. pf_principal_access used
-- to skip the session check when p_session was NULL, so a token without a session id carried the user's full
-- access and could not be revoked by logout or refresh-token reuse. Now a NULL session yields no access, and a
-- session counts as alive only while it has a refresh token that is neither revoked nor expired.
-- CREATE OR REPLACE with the same signature keeps the owner and the EXECUTE grants of the original migration
-- (20261123013305_enabled_row_level_security_and_audit_chain).
CREATE OR REPLACE FUNCTION pf_principal_access(p_user uuid, p_session uuid)
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
      AND p_session IS NOT NULL
      AND EXISTS (
            SELECT 1 FROM pf_refresh_tokens t
            WHERE t.family_id = p_session AND t.staff_user_id = p_user AND t.revoked_at IS NULL
              AND t.expires_at > now())
    ORDER BY o.name, b.role_key
  $$;
