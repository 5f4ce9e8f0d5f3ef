-- Dashboards observability (ADR 0017): how many organizations have each source (or inbound feed) ok, failing or
-- silent, for the API's /metrics. Counts per source and state only: no organization ids leave the function.
CREATE FUNCTION ds_source_status_summary()
RETURNS TABLE (source text, state text, organizations bigint)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
  SELECT s.source,
         CASE WHEN s.status = 'failing' THEN 'failing'
              WHEN s.last_success_at IS NULL OR s.last_success_at < now() - make_interval(secs => s.expected_interval_seconds) THEN 'silent'
              ELSE 'ok' END AS state,
         count(*) AS organizations
    FROM ds_source_status s
   GROUP BY 1, 2
$$;
REVOKE ALL ON FUNCTION ds_source_status_summary() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ds_source_status_summary() TO cairn_app;
