-- Whether an organization exists, for the app role, which cannot see an organization it has no tenant context
-- for (pf_organizations is under RLS). The access guard records a denied attempt on an organization the caller
-- does not belong to in that organization's own audit chain as well, so that its auditors see it; an id that
-- names no organization must not start an audit chain of its own (pf_audit_events.organization_id has no
-- foreign key: a chain is keyed by whatever id a row carries). SECURITY DEFINER, owned by the owner role.
CREATE FUNCTION pf_organization_exists(p_org uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT EXISTS (SELECT 1 FROM pf_organizations o WHERE o.id = p_org) $$;

REVOKE EXECUTE ON FUNCTION pf_organization_exists(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pf_organization_exists(uuid) TO cairn_app;
