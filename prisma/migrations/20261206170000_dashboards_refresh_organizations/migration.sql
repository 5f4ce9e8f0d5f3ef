-- Dashboards update models (ADR 0017): the worker's near-real-time and nightly schedulers recompute every
-- organization's value store, each in a system context of that organization. Which organizations exist is the
-- one thing they must learn outside any tenant: this function answers the ids and time zones, nothing else.
CREATE FUNCTION ds_refresh_organizations()
RETURNS TABLE (organization_id uuid, timezone text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
  SELECT o.id, o.timezone FROM pf_organizations o ORDER BY o.id
$$;
REVOKE ALL ON FUNCTION ds_refresh_organizations() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ds_refresh_organizations() TO cairn_app;
