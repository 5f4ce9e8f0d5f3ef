-- CreateTable
CREATE TABLE "pf_outbox_events" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "occurred_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "available_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(6),
    "relay_attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "pf_outbox_events_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "pf_processed_events" (
    "organization_id" UUID NOT NULL,
    "consumer" TEXT NOT NULL,
    "event_id" UUID NOT NULL,
    "processed_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pf_processed_events_pkey" PRIMARY KEY ("organization_id","consumer","event_id")
);

-- CreateIndex
CREATE INDEX "pf_outbox_events_sent_at_available_at_created_at_idx" ON "pf_outbox_events"("sent_at", "available_at", "created_at");

-- ---------------------------------------------------------------------------------------------------------
-- Raw SQL below: Prisma's schema language cannot express policies, triggers, functions or grants.
-- libs/platform/messaging and docs/adr/0004-transactional-outbox.md explain the design.

-- The outbox is written by the publisher inside its own tenant transaction (OutboxPublisher), so only the
-- transaction's organization may be inserted. No membership check (pf_has_org_access): worker consumers
-- publish follow-up events as the system, with an organization but no staff user in context. The app role
-- gets INSERT only: nothing in the API or worker reads, changes or deletes outbox rows directly.
ALTER TABLE pf_outbox_events ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_append ON pf_outbox_events FOR INSERT
  WITH CHECK (organization_id = pf_ctx_org());
GRANT INSERT ON pf_outbox_events TO cairn_app;

-- Wakes the relay (LISTEN pf_outbox). PostgreSQL delivers a notification only when its transaction commits
-- and folds identical notifications of one transaction into one, so a rolled-back event wakes nobody and a
-- batch of inserts costs one wake-up. Polling covers a missed notification (e.g. while the relay reconnects).
CREATE FUNCTION pf_outbox_notify() RETURNS trigger LANGUAGE plpgsql
  AS $$ BEGIN PERFORM pg_notify('pf_outbox', ''); RETURN NULL; END $$;
CREATE TRIGGER pf_outbox_events_notify AFTER INSERT ON pf_outbox_events
  FOR EACH STATEMENT EXECUTE FUNCTION pf_outbox_notify();
REVOKE EXECUTE ON FUNCTION pf_outbox_notify() FROM PUBLIC;

-- The relay works across every organization, but the worker's login role is the same NOBYPASSRLS cairn_app.
-- Rather than a BYPASSRLS role or a policy that opens the table to any context-less session, the relay goes
-- through these narrow SECURITY DEFINER functions (owned by the owner): claim a batch of due unsent rows
-- (FOR UPDATE SKIP LOCKED: concurrent relays never take the same row; the locks last until the caller's
-- transaction ends), mark rows sent, defer rows with an error, report the backlog, purge old sent rows.
-- None returns anything but delivery fields, and none can change a payload.
CREATE FUNCTION pf_outbox_claim(p_limit integer)
  RETURNS TABLE (organization_id uuid, id uuid, event_type text, payload jsonb, occurred_at timestamptz)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    IF p_limit IS NULL OR p_limit < 1 OR p_limit > 1000 THEN
      RAISE EXCEPTION 'p_limit must be between 1 and 1000' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    RETURN QUERY
      WITH due AS (
        SELECT o.organization_id, o.id FROM pf_outbox_events o
        WHERE o.sent_at IS NULL AND o.available_at <= now()
        ORDER BY o.created_at, o.id
        LIMIT p_limit
        FOR UPDATE SKIP LOCKED)
      UPDATE pf_outbox_events o SET relay_attempts = o.relay_attempts + 1
      FROM due WHERE o.organization_id = due.organization_id AND o.id = due.id
      RETURNING o.organization_id, o.id, o.event_type, o.payload, o.occurred_at;
  END
  $$;

CREATE FUNCTION pf_outbox_mark_sent(p_orgs uuid[], p_ids uuid[]) RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH done AS (
      UPDATE pf_outbox_events o SET sent_at = now(), last_error = NULL
      FROM unnest(p_orgs, p_ids) AS k(org, id)
      WHERE o.organization_id = k.org AND o.id = k.id AND o.sent_at IS NULL
      RETURNING 1)
    SELECT count(*)::integer FROM done
  $$;

CREATE FUNCTION pf_outbox_defer(p_orgs uuid[], p_ids uuid[], p_error text, p_delay_seconds integer) RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH d AS (
      UPDATE pf_outbox_events o
      SET last_error = left(p_error, 500), available_at = now() + make_interval(secs => GREATEST(0, LEAST(p_delay_seconds, 86400)))
      FROM unnest(p_orgs, p_ids) AS k(org, id)
      WHERE o.organization_id = k.org AND o.id = k.id AND o.sent_at IS NULL
      RETURNING 1)
    SELECT count(*)::integer FROM d
  $$;

CREATE FUNCTION pf_outbox_stats() RETURNS TABLE (unsent bigint, oldest_unsent_age_seconds double precision)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT count(*), COALESCE(extract(epoch FROM now() - min(created_at)), 0)::double precision
    FROM pf_outbox_events WHERE sent_at IS NULL
  $$;

CREATE FUNCTION pf_outbox_purge_sent(p_older_than_hours integer) RETURNS integer
  LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH gone AS (
      DELETE FROM pf_outbox_events
      WHERE sent_at IS NOT NULL AND sent_at < now() - make_interval(hours => GREATEST(p_older_than_hours, 1))
      RETURNING 1)
    SELECT count(*)::integer FROM gone
  $$;

REVOKE EXECUTE ON FUNCTION pf_outbox_claim(integer), pf_outbox_mark_sent(uuid[], uuid[]),
  pf_outbox_defer(uuid[], uuid[], text, integer), pf_outbox_stats(), pf_outbox_purge_sent(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pf_outbox_claim(integer), pf_outbox_mark_sent(uuid[], uuid[]),
  pf_outbox_defer(uuid[], uuid[], text, integer), pf_outbox_stats(), pf_outbox_purge_sent(integer) TO cairn_app;

-- Processed events: a consumer inserts (organization, consumer, event id) in the transaction of its effect.
-- Consumers run as the system (organization in context, no staff user), so the policy checks the
-- organization only. SELECT for the duplicate check; no UPDATE or DELETE.
ALTER TABLE pf_processed_events ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON pf_processed_events FOR ALL
  USING (organization_id = pf_ctx_org())
  WITH CHECK (organization_id = pf_ctx_org());
GRANT SELECT, INSERT ON pf_processed_events TO cairn_app;
