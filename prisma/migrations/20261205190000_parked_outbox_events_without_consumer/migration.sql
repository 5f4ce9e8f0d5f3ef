-- Events no queue takes (EVENTS_WITHOUT_CONSUMER of libs/platform/messaging, or a retired type) were deferred an
-- hour at a time: the relay claimed and deferred every one of them again each hour, and they counted in the
-- backlog gauges, so cairn_outbox_lag_seconds grew for ever while nothing was late. Now the relay parks such a
-- row once (available_at = 'infinity': the claim's index range, available_at <= now(), never reaches it again),
-- and at start makes due again the parked rows of every type it routes, which is how the deploy that adds a
-- consumer sends the waiting rows, oldest first. The backlog is reported per event type, so the metrics tell
-- the lag of routed events from the events waiting for a consumer. Same shape as the other relay functions:
-- SECURITY DEFINER, delivery fields only, no payloads.
CREATE FUNCTION pf_outbox_park(p_orgs uuid[], p_ids uuid[], p_error text) RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH p AS (
      UPDATE pf_outbox_events o SET last_error = left(p_error, 500), available_at = 'infinity'
      FROM unnest(p_orgs, p_ids) AS k(org, id)
      WHERE o.organization_id = k.org AND o.id = k.id AND o.sent_at IS NULL
      RETURNING 1)
    SELECT count(*)::integer FROM p
  $$;

CREATE FUNCTION pf_outbox_unpark(p_types text[]) RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH u AS (
      UPDATE pf_outbox_events o SET available_at = now(), last_error = NULL
      WHERE o.sent_at IS NULL AND o.available_at = 'infinity' AND o.event_type = ANY(p_types)
      RETURNING 1)
    SELECT count(*)::integer FROM u
  $$;

CREATE FUNCTION pf_outbox_stats_by_type() RETURNS TABLE (event_type text, unsent bigint, oldest_unsent_age_seconds double precision)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT o.event_type, count(*), COALESCE(extract(epoch FROM now() - min(o.created_at)), 0)::double precision
    FROM pf_outbox_events o WHERE o.sent_at IS NULL
    GROUP BY o.event_type
  $$;

-- Replaced by pf_outbox_stats_by_type (the metrics were its only reader).
DROP FUNCTION pf_outbox_stats();

REVOKE EXECUTE ON FUNCTION pf_outbox_park(uuid[], uuid[], text), pf_outbox_unpark(text[]), pf_outbox_stats_by_type() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pf_outbox_park(uuid[], uuid[], text), pf_outbox_unpark(text[]), pf_outbox_stats_by_type() TO cairn_app;
