-- The relay's clock: lets the relay notice that this database is BEHIND the Redis it sends to (restored from a
-- backup, a replica promoted after losing commits, a snapshot copied back), ADR 0005 §7.
--
-- One row. `installation_id` names this database's timeline of events in Redis (random per database created
-- by the migrations; a restore or a copy keeps it). `position` is ticked by every relay poll, in its own
-- committed statement, and the relay then records the value in Redis under the installation id. A relay that
-- reads from Redis a position at least as high as the one this database just handed out knows the database
-- lost ticks Redis saw: events this database shows as sent may have been consumed only in the lost timeline,
-- so every sent event is sent again (the consumers' pf_processed_events makes a repeat a no-op).
-- A transactional row, not a sequence: PostgreSQL logs sequences ahead, so a restore could leave one ahead of
-- the point it went back to.
CREATE TABLE "pf_outbox_relay_clock" (
    "installation_id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "position" BIGINT NOT NULL DEFAULT 0,
    "ticked_at" TIMESTAMPTZ(6),
    "rewound_at" TIMESTAMPTZ(6),

    CONSTRAINT "pf_outbox_relay_clock_pkey" PRIMARY KEY ("installation_id")
);

-- The one row of this database (raw SQL: seed data).
INSERT INTO pf_outbox_relay_clock (installation_id) VALUES (gen_random_uuid());

-- Not a tenant table (no organization): the app role has no grants on it, only the functions below.

-- The installation id (the relay reads it once at start).
CREATE FUNCTION pf_outbox_relay_installation() RETURNS uuid
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT installation_id FROM pf_outbox_relay_clock LIMIT 1 $$;

-- One tick. p_seen is the highest position Redis recorded for this installation, read BEFORE the tick: every
-- position recorded there was handed out before, so in an unbroken timeline the new position is higher. When
-- it is not, the database went back in time: every sent event becomes due again, and the clock jumps past
-- p_seen so the same loss is acted on once.
CREATE FUNCTION pf_outbox_relay_tick(p_seen bigint)
  RETURNS TABLE ("position" bigint, resent integer)
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    v_position bigint;
    v_resent integer := 0;
  BEGIN
    UPDATE pf_outbox_relay_clock c SET position = c.position + 1, ticked_at = now() RETURNING c.position INTO v_position;
    IF v_position IS NULL THEN
      RAISE EXCEPTION 'pf_outbox_relay_clock has no row';
    END IF;
    IF p_seen IS NOT NULL AND p_seen >= v_position THEN
      UPDATE pf_outbox_events
        SET sent_at = NULL, available_at = now(),
            last_error = 'sent again: the database is behind the queue (restored from a backup?)'
        WHERE sent_at IS NOT NULL;
      GET DIAGNOSTICS v_resent = ROW_COUNT;
      UPDATE pf_outbox_relay_clock c SET position = p_seen + 1, rewound_at = now() RETURNING c.position INTO v_position;
    END IF;
    RETURN QUERY SELECT v_position, v_resent;
  END
  $$;

REVOKE EXECUTE ON FUNCTION pf_outbox_relay_installation(), pf_outbox_relay_tick(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pf_outbox_relay_installation(), pf_outbox_relay_tick(bigint) TO cairn_app;
