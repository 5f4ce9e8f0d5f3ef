-- Performance signal sources (issue 16, ADR 0014): the per-source aggregate functions behind
-- @cairn/platform/performance-signals, the data the utilisation and supervision metrics need that Cairn did not
-- record (a site's working hours per weekday, an organization's monthly peer supervision requirement), and the
-- indexes that make every function read only the asked days.
--
-- Each <source>_signals(org_id, from_day, to_day) is SECURITY DEFINER (owned by the BYPASSRLS owner) so that a
-- value does not depend on who asks (an admin's on-demand recompute and the worker's system context get the same
-- organization-wide numbers); it returns only aggregates (counts, minutes, hours, cents: no patient, note or
-- record id). Inside each:
--   1. pf_signals_caller_ok(org_id): org_id must be the transaction context's organization, and the context
--      either the system (a worker consumer, pf_ctx_is_system()) or a staff user with access to it; else 42501;
--   2. from_day <= to_day, at most 732 days (the contract's MAX_SIGNAL_RANGE_DAYS); else 22023;
--   3. days are the organization's calendar days (pf_organizations.timezone); each function reads its rows
--      through an index range on (organization_id, <the day's timestamp>), so its cost is O(rows of the days).
-- Snapshot metrics are computed as of the end of to_day, or now when that is later than now, and reported on
-- to_day. Buckets with a zero value are not returned.

-- ---------------------------------------------------------------------------------------------------------
-- Shared guard.
CREATE FUNCTION pf_signals_caller_ok(org_id uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT org_id IS NOT NULL AND org_id = pf_ctx_org() AND (pf_ctx_is_system() OR pf_has_org_access(org_id)) $$;

-- The range check and the organization's time zone; raises the contract's errors.
CREATE FUNCTION pf_signals_zone(org_id uuid, from_day date, to_day date) RETURNS text
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE v_zone text;
  BEGIN
    IF NOT pf_signals_caller_ok(org_id) THEN
      RAISE EXCEPTION 'performance signals of another organization, or no organization access in this context'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF from_day IS NULL OR to_day IS NULL OR to_day < from_day THEN
      RAISE EXCEPTION 'invalid parameter to: must not be before from' USING ERRCODE = '22023';
    END IF;
    IF to_day - from_day + 1 > 732 THEN
      RAISE EXCEPTION 'invalid parameter to: the range may cover at most 732 days' USING ERRCODE = '22023';
    END IF;
    SELECT o.timezone INTO v_zone FROM pf_organizations o WHERE o.id = org_id;
    RETURN COALESCE(v_zone, 'UTC');
  END
  $$;

REVOKE EXECUTE ON FUNCTION pf_signals_caller_ok(uuid), pf_signals_zone(uuid, date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pf_signals_caller_ok(uuid), pf_signals_zone(uuid, date, date) TO cairn_app;

-- ---------------------------------------------------------------------------------------------------------
-- PM: a site's working hours per ISO weekday (1 = Monday .. 7 = Sunday), in the site's own time zone. No row for a
-- weekday: the site is closed that day. The providers of a site are the staff holding a clinician or
-- peer_specialist role binding that covers it (all sites, or the site listed) not revoked before the day. Written by migrations and the
-- demo seed; a practice admin API for it is not built yet.
CREATE TABLE pm_site_working_hours (
  organization_id uuid NOT NULL,
  site_id uuid NOT NULL,
  weekday smallint NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  opens_at time NOT NULL,
  closes_at time NOT NULL,
  CHECK (closes_at > opens_at),
  PRIMARY KEY (organization_id, site_id, weekday)
);
ALTER TABLE pm_site_working_hours ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON pm_site_working_hours FOR ALL
  USING (organization_id = pf_ctx_org() AND ((SELECT pf_has_org_access(pf_ctx_org())) OR pf_ctx_is_system()))
  WITH CHECK (organization_id = pf_ctx_org() AND ((SELECT pf_has_org_access(pf_ctx_org())) OR pf_ctx_is_system()));
GRANT SELECT ON pm_site_working_hours TO cairn_app;

-- CL: the organization's monthly supervision requirement for each peer specialist, in minutes. NULL (or no
-- settings row): no requirement recorded, and supervision.peers-short is not reported.
ALTER TABLE cl_peer_settings ADD COLUMN monthly_supervision_minutes integer
  CONSTRAINT cl_peer_settings_monthly_supervision_minutes_check
  CHECK (monthly_supervision_minutes IS NULL OR monthly_supervision_minutes BETWEEN 1 AND 14400);

-- ---------------------------------------------------------------------------------------------------------
-- Indexes (each function's range scan; EXPLAIN in libs/platform/performance-signals/README.md). Plain b-tree
-- indexes, declared in the Prisma schema too.
-- Backfill: a provider's appointments overlapping a cancelled slot.
CREATE INDEX pm_appointments_provider_start_idx ON pm_appointments (organization_id, provider_id, start_at);
-- Charges by the day they were created; the on-hold ones.
CREATE INDEX pm_charges_created_idx ON pm_charges (organization_id, created_at);
CREATE INDEX pm_charges_status_created_idx ON pm_charges (organization_id, status, created_at);
-- Drafts (unsigned notes) as of a day.
CREATE INDEX cl_progress_notes_status_created_idx ON cl_progress_notes (organization_id, status, created_at);
-- Group proposals reviewed (approved or rejected) by day; pending ones are in the status index.
CREATE INDEX cl_group_encounter_generations_reviewed_idx ON cl_group_encounter_generations (organization_id, reviewed_at);
-- Peer encounters finalized by day; drafts.
CREATE INDEX cl_peer_encounters_finalized_idx ON cl_peer_encounters (organization_id, finalized_at);
CREATE INDEX cl_peer_encounters_status_created_idx ON cl_peer_encounters (organization_id, status, created_at);
-- Consents by expiry; supervision by day; care team assignments open (ended_on NULL) or ending on or after a day.
CREATE INDEX cl_part2_consents_expires_idx ON cl_part2_consents (organization_id, expires_on);
CREATE INDEX cl_peer_supervision_date_idx ON cl_peer_supervision (organization_id, supervision_date);
CREATE INDEX cl_care_team_assignments_ended_idx ON cl_care_team_assignments (organization_id, ended_on);

-- ---------------------------------------------------------------------------------------------------------
-- The common result of every <source>_signals function.
CREATE TYPE performance_signal_bucket AS (
  metric_key text,
  site_id uuid,
  provider_id uuid,
  day date,
  value numeric,
  breakdown jsonb
);

-- pm.appointments
CREATE FUNCTION pm_appointment_signals(org_id uuid, from_day date, to_day date)
  RETURNS SETOF performance_signal_bucket
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $fn$
  DECLARE
    v_zone text := pf_signals_zone(org_id, from_day, to_day);
    v_lo timestamptz := from_day::timestamp AT TIME ZONE v_zone;
    v_hi timestamptz := (to_day + 1)::timestamp AT TIME ZONE v_zone;
  BEGIN
    RETURN QUERY
    WITH a AS (
      SELECT ap.id, ap.site_id, ap.provider_id, (ap.start_at AT TIME ZONE v_zone)::date AS day, ap.status,
             ap.cancelled_by, ap.cancelled_at, ap.start_at, ap.end_at,
             ap.status NOT IN ('cancelled', 'late_cancelled') AS holds_slot
      FROM pm_appointments ap
      WHERE ap.organization_id = org_id AND ap.start_at >= v_lo AND ap.start_at < v_hi
    ),
    by_status AS (
      SELECT a.site_id, a.provider_id, a.day, a.status, count(*)::numeric AS n FROM a GROUP BY 1, 2, 3, 4
    ),
    by_canceller AS (
      SELECT a.site_id, a.provider_id, a.day, a.status, COALESCE(a.cancelled_by, 'unknown') AS who, count(*)::numeric AS n
      FROM a WHERE a.status IN ('cancelled', 'late_cancelled') GROUP BY 1, 2, 3, 4, 5
    ),
    -- Working windows: each day of the range, each site open that weekday, each provider of the site then.
    days AS (SELECT d::date AS day FROM generate_series(from_day, to_day, interval '1 day') AS d),
    windows AS (
      SELECT h.site_id, b.staff_user_id AS provider_id, days.day,
             (days.day + h.opens_at) AT TIME ZONE s.timezone AS opens,
             (days.day + h.closes_at) AT TIME ZONE s.timezone AS closes
      FROM days
      JOIN pm_site_working_hours h ON h.organization_id = org_id AND h.weekday = extract(isodow FROM days.day)
      JOIN pf_sites s ON s.organization_id = org_id AND s.id = h.site_id
      JOIN pf_role_bindings b ON b.organization_id = org_id AND b.role_key IN ('clinician', 'peer_specialist')
        AND (b.all_sites OR h.site_id = ANY (b.site_ids))
        -- A binding's created_at is when access was granted in Cairn, not when the provider started: only a
        -- revocation before the day's opening takes a provider off that day.
        AND (b.revoked_at IS NULL OR b.revoked_at > (days.day + h.opens_at) AT TIME ZONE s.timezone)
      GROUP BY 1, 2, 3, 4, 5
    ),
    covered AS (
      SELECT w.site_id, w.provider_id, w.day, w.opens, w.closes,
             COALESCE(sum(extract(epoch FROM (LEAST(a.end_at, w.closes) - GREATEST(a.start_at, w.opens))) / 60)
                      FILTER (WHERE a.id IS NOT NULL), 0) AS booked_inside
      FROM windows w
      LEFT JOIN a ON a.holds_slot AND a.provider_id = w.provider_id AND a.site_id = w.site_id
                 AND a.start_at < w.closes AND a.end_at > w.opens
      GROUP BY 1, 2, 3, 4, 5
    )
    SELECT 'appointments.scheduled', t.site_id, t.provider_id, t.day, sum(t.n), jsonb_object_agg(t.status, t.n)
      FROM by_status t GROUP BY 2, 3, 4
    UNION ALL
    SELECT CASE c.status WHEN 'cancelled' THEN 'appointments.cancelled' ELSE 'appointments.late-cancelled' END,
           c.site_id, c.provider_id, c.day, sum(c.n), jsonb_object_agg(c.who, c.n)
      FROM by_canceller c GROUP BY 1, 2, 3, 4
    UNION ALL
    SELECT 'appointments.no-show', t.site_id, t.provider_id, t.day, t.n, NULL::jsonb FROM by_status t WHERE t.status = 'no_show'
    UNION ALL
    SELECT 'appointments.booked-minutes', a.site_id, a.provider_id, a.day,
           sum(extract(epoch FROM (a.end_at - a.start_at)) / 60)::numeric, NULL::jsonb
      FROM a WHERE a.holds_slot GROUP BY 2, 3, 4
    UNION ALL
    SELECT 'appointments.available-minutes', c.site_id, c.provider_id, c.day,
           (extract(epoch FROM (c.closes - c.opens)) / 60)::numeric, NULL::jsonb FROM covered c
    UNION ALL
    SELECT 'appointments.gap-minutes', c.site_id, c.provider_id, c.day,
           GREATEST(0, extract(epoch FROM (c.closes - c.opens)) / 60 - c.booked_inside)::numeric, NULL::jsonb
      FROM covered c WHERE extract(epoch FROM (c.closes - c.opens)) / 60 - c.booked_inside > 0
    UNION ALL
    SELECT 'appointments.backfilled', a.site_id, a.provider_id, a.day, count(*)::numeric, NULL::jsonb
      FROM a
      WHERE NOT a.holds_slot AND a.cancelled_at IS NOT NULL
        AND EXISTS (SELECT 1 FROM pm_appointments r
                    WHERE r.organization_id = org_id AND r.provider_id = a.provider_id
                      AND r.start_at < a.end_at AND r.start_at > a.start_at - interval '1 day' AND r.end_at > a.start_at
                      AND r.status NOT IN ('cancelled', 'late_cancelled') AND r.created_at > a.cancelled_at AND r.id <> a.id)
      GROUP BY 2, 3, 4;
  END
  $fn$;

-- pm.charges
CREATE FUNCTION pm_charge_signals(org_id uuid, from_day date, to_day date)
  RETURNS SETOF performance_signal_bucket
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $fn$
  DECLARE
    v_zone text := pf_signals_zone(org_id, from_day, to_day);
    v_lo timestamptz := from_day::timestamp AT TIME ZONE v_zone;
    v_hi timestamptz := (to_day + 1)::timestamp AT TIME ZONE v_zone;
    v_asof timestamptz := LEAST((to_day + 1)::timestamp AT TIME ZONE v_zone, now());
  BEGIN
    RETURN QUERY
    WITH c AS (
      SELECT ch.site_id, ch.rendering_provider_id AS provider_id, (ch.created_at AT TIME ZONE v_zone)::date AS day,
             COALESCE(ch.final_code, ch.proposed_code) AS code, ch.source_type, ch.amount_cents
      FROM pm_charges ch
      WHERE ch.organization_id = org_id AND ch.created_at >= v_lo AND ch.created_at < v_hi
    ),
    by_code AS (SELECT c.site_id, c.provider_id, c.day, 'code:' || c.code AS k, count(*)::numeric AS n FROM c GROUP BY 1, 2, 3, 4),
    by_source AS (SELECT c.site_id, c.provider_id, c.day, 'source:' || c.source_type AS k, count(*)::numeric AS n FROM c GROUP BY 1, 2, 3, 4),
    held AS (
      SELECT ch.site_id, ch.rendering_provider_id AS provider_id, ch.hold_reason, count(*)::numeric AS n
      FROM pm_charges ch
      WHERE ch.organization_id = org_id AND ch.status = 'on_hold' AND ch.created_at < v_asof
      GROUP BY 1, 2, 3
    )
    SELECT 'charges.created', x.site_id, x.provider_id, x.day, sum(x.n) FILTER (WHERE x.k LIKE 'source:%'), jsonb_object_agg(x.k, x.n)
      FROM (SELECT * FROM by_code UNION ALL SELECT * FROM by_source) x GROUP BY 2, 3, 4
    UNION ALL
    SELECT 'charges.amount-cents', c.site_id, c.provider_id, c.day, sum(c.amount_cents)::numeric, NULL::jsonb
      FROM c GROUP BY 2, 3, 4 HAVING COALESCE(sum(c.amount_cents), 0) > 0
    UNION ALL
    SELECT 'charges.on-hold', h.site_id, h.provider_id, to_day, sum(h.n), jsonb_object_agg(COALESCE(h.hold_reason, 'unknown'), h.n)
      FROM held h GROUP BY 2, 3;
  END
  $fn$;

-- cl.documentation
CREATE FUNCTION cl_documentation_signals(org_id uuid, from_day date, to_day date)
  RETURNS SETOF performance_signal_bucket
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $fn$
  DECLARE
    v_zone text := pf_signals_zone(org_id, from_day, to_day);
    v_lo timestamptz := from_day::timestamp AT TIME ZONE v_zone;
    v_hi timestamptz := (to_day + 1)::timestamp AT TIME ZONE v_zone;
    v_asof timestamptz := LEAST((to_day + 1)::timestamp AT TIME ZONE v_zone, now());
  BEGIN
    RETURN QUERY
    WITH signed AS (
      SELECT n.site_id, n.author_id, (n.signed_at AT TIME ZONE v_zone)::date AS day,
             GREATEST(0, extract(epoch FROM (n.signed_at - n.session_end)) / 3600) AS lag_hours
      FROM cl_progress_notes n
      WHERE n.organization_id = org_id AND n.signed_at >= v_lo AND n.signed_at < v_hi
    ),
    -- Unsigned at v_asof: drafts written by then, and notes written by then but signed after it.
    open_notes AS (
      SELECT n.site_id, n.author_id, n.session_end FROM cl_progress_notes n
      WHERE n.organization_id = org_id AND n.status = 'draft' AND n.created_at < v_asof
      UNION ALL
      SELECT n.site_id, n.author_id, n.session_end FROM cl_progress_notes n
      WHERE n.organization_id = org_id AND n.signed_at >= v_asof AND n.created_at < v_asof
    )
    SELECT 'notes.signed', s.site_id, s.author_id, s.day, count(*)::numeric, NULL::jsonb FROM signed s GROUP BY 2, 3, 4
    UNION ALL
    SELECT 'notes.lag-hours-sum', s.site_id, s.author_id, s.day, round(sum(s.lag_hours)::numeric, 2), NULL::jsonb
      FROM signed s GROUP BY 2, 3, 4 HAVING sum(s.lag_hours) > 0
    UNION ALL
    SELECT 'notes.lag-count', s.site_id, s.author_id, s.day, count(*)::numeric, NULL::jsonb FROM signed s GROUP BY 2, 3, 4
    UNION ALL
    SELECT 'notes.unsigned', o.site_id, o.author_id, to_day, count(*)::numeric, NULL::jsonb FROM open_notes o GROUP BY 2, 3
    UNION ALL
    SELECT 'notes.overdue-48h', o.site_id, o.author_id, to_day, count(*)::numeric, NULL::jsonb
      FROM open_notes o WHERE o.session_end < v_asof - interval '48 hours' GROUP BY 2, 3;
  END
  $fn$;

-- cl.group-encounters (absent attendees are not proposals: status not_generated is never counted)
CREATE FUNCTION cl_group_encounter_signals(org_id uuid, from_day date, to_day date)
  RETURNS SETOF performance_signal_bucket
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $fn$
  DECLARE
    v_zone text := pf_signals_zone(org_id, from_day, to_day);
    v_lo timestamptz := from_day::timestamp AT TIME ZONE v_zone;
    v_hi timestamptz := (to_day + 1)::timestamp AT TIME ZONE v_zone;
    v_asof timestamptz := LEAST((to_day + 1)::timestamp AT TIME ZONE v_zone, now());
  BEGIN
    RETURN QUERY
    WITH pending AS (
      SELECT g.site_id, g.facilitator_id FROM cl_group_encounter_generations g
      WHERE g.organization_id = org_id AND g.status = 'pending_review' AND g.created_at < v_asof
      UNION ALL
      SELECT g.site_id, g.facilitator_id FROM cl_group_encounter_generations g
      WHERE g.organization_id = org_id AND g.reviewed_at >= v_asof AND g.created_at < v_asof
        AND g.status IN ('approved', 'rejected')
    )
    SELECT 'group-encounters.pending-review', p.site_id, p.facilitator_id, to_day, count(*)::numeric, NULL::jsonb
      FROM pending p GROUP BY 2, 3
    UNION ALL
    SELECT 'group-encounters.approved', g.site_id, g.facilitator_id, (g.reviewed_at AT TIME ZONE v_zone)::date, count(*)::numeric, NULL::jsonb
      FROM cl_group_encounter_generations g
      WHERE g.organization_id = org_id AND g.reviewed_at >= v_lo AND g.reviewed_at < v_hi AND g.status = 'approved'
      GROUP BY 2, 3, 4;
  END
  $fn$;

-- cl.peer
CREATE FUNCTION cl_peer_signals(org_id uuid, from_day date, to_day date)
  RETURNS SETOF performance_signal_bucket
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $fn$
  DECLARE
    v_zone text := pf_signals_zone(org_id, from_day, to_day);
    v_lo timestamptz := from_day::timestamp AT TIME ZONE v_zone;
    v_hi timestamptz := (to_day + 1)::timestamp AT TIME ZONE v_zone;
    v_asof timestamptz := LEAST((to_day + 1)::timestamp AT TIME ZONE v_zone, now());
  BEGIN
    RETURN QUERY
    WITH drafts AS (
      SELECT e.site_id, e.peer_provider_id FROM cl_peer_encounters e
      WHERE e.organization_id = org_id AND e.status = 'draft' AND e.created_at < v_asof
      UNION ALL
      SELECT e.site_id, e.peer_provider_id FROM cl_peer_encounters e
      WHERE e.organization_id = org_id AND e.finalized_at >= v_asof AND e.created_at < v_asof
    )
    SELECT 'peer-encounters.draft', d.site_id, d.peer_provider_id, to_day, count(*)::numeric, NULL::jsonb FROM drafts d GROUP BY 2, 3
    UNION ALL
    SELECT 'peer-encounters.finalized', e.site_id, e.peer_provider_id, (e.finalized_at AT TIME ZONE v_zone)::date, count(*)::numeric, NULL::jsonb
      FROM cl_peer_encounters e
      WHERE e.organization_id = org_id AND e.finalized_at >= v_lo AND e.finalized_at < v_hi
      GROUP BY 2, 3, 4;
  END
  $fn$;

-- cl.caseload: patients on a provider's care team on to_day.
CREATE FUNCTION cl_caseload_signals(org_id uuid, from_day date, to_day date)
  RETURNS SETOF performance_signal_bucket
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $fn$
  DECLARE
    v_zone text := pf_signals_zone(org_id, from_day, to_day);
  BEGIN
    RETURN QUERY
    SELECT 'caseload.active', NULL::uuid, t.staff_user_id, to_day, count(DISTINCT t.patient_id)::numeric, NULL::jsonb
      FROM (
        SELECT c.staff_user_id, c.patient_id FROM cl_care_team_assignments c
        WHERE c.organization_id = org_id AND c.ended_on IS NULL AND c.started_on <= to_day
        UNION ALL
        -- Ended on or after to_day (an ended assignment still counts on its last day).
        SELECT c.staff_user_id, c.patient_id FROM cl_care_team_assignments c
        WHERE c.organization_id = org_id AND c.ended_on >= to_day AND c.started_on <= to_day
      ) t
      GROUP BY 3;
  END
  $fn$;

-- cl.consents: Part 2 consents in effect on to_day that expire within the next 30 days.
CREATE FUNCTION cl_consent_signals(org_id uuid, from_day date, to_day date)
  RETURNS SETOF performance_signal_bucket
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $fn$
  DECLARE
    v_zone text := pf_signals_zone(org_id, from_day, to_day);
    v_asof timestamptz := LEAST((to_day + 1)::timestamp AT TIME ZONE v_zone, now());
  BEGIN
    RETURN QUERY
    SELECT 'consents.expiring-30d', NULL::uuid, NULL::uuid, to_day, count(*)::numeric, NULL::jsonb
      FROM cl_part2_consents c
      WHERE c.organization_id = org_id AND c.expires_on > to_day AND c.expires_on <= to_day + 30
        AND c.effective_on <= to_day AND (c.revoked_at IS NULL OR c.revoked_at >= v_asof)
      HAVING count(*) > 0;
  END
  $fn$;

-- cl.supervision: hours per peer per day, and peers short of the monthly requirement up to to_day.
CREATE FUNCTION cl_supervision_signals(org_id uuid, from_day date, to_day date)
  RETURNS SETOF performance_signal_bucket
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $fn$
  DECLARE
    v_zone text := pf_signals_zone(org_id, from_day, to_day);
    v_required integer;
    v_month date := date_trunc('month', to_day)::date;
    v_asof timestamptz := LEAST((to_day + 1)::timestamp AT TIME ZONE v_zone, now());
  BEGIN
    SELECT s.monthly_supervision_minutes INTO v_required FROM cl_peer_settings s WHERE s.organization_id = org_id;
    RETURN QUERY
    SELECT 'supervision.hours', NULL::uuid, s.peer_provider_id, s.supervision_date, round(sum(s.duration_minutes) / 60.0, 2), NULL::jsonb
      FROM cl_peer_supervision s
      WHERE s.organization_id = org_id AND s.supervision_date BETWEEN from_day AND to_day
      GROUP BY 3, 4;
    IF v_required IS NOT NULL THEN
      RETURN QUERY
      SELECT 'supervision.peers-short', NULL::uuid, NULL::uuid, to_day, count(*)::numeric,
             jsonb_build_object('requiredMinutes', v_required, 'peers', count(*) OVER ())
        FROM (
          SELECT b.staff_user_id,
                 (SELECT COALESCE(sum(s.duration_minutes), 0) FROM cl_peer_supervision s
                   WHERE s.organization_id = org_id AND s.peer_provider_id = b.staff_user_id
                     AND s.supervision_date BETWEEN v_month AND to_day) AS minutes
          FROM pf_role_bindings b
          WHERE b.organization_id = org_id AND b.role_key = 'peer_specialist'
            AND (b.revoked_at IS NULL OR b.revoked_at >= v_asof)
        ) p
        WHERE p.minutes < v_required
        GROUP BY ()
        HAVING count(*) > 0;
    END IF;
  END
  $fn$;

-- platform.audit: the organization's chain verifies end to end now.
CREATE FUNCTION pf_audit_signals(org_id uuid, from_day date, to_day date)
  RETURNS SETOF performance_signal_bucket
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $fn$
  DECLARE
    v_zone text := pf_signals_zone(org_id, from_day, to_day);
    v_broken bigint;
    v_checked bigint;
  BEGIN
    SELECT v.first_broken_seq, v.events_checked INTO v_broken, v_checked FROM pf_audit_verify_chain(org_id) v;
    RETURN QUERY SELECT 'audit.chain-verified'::text, NULL::uuid, NULL::uuid, to_day,
                        CASE WHEN v_broken IS NULL THEN 1 ELSE 0 END::numeric,
                        jsonb_build_object('eventsChecked', COALESCE(v_checked, 0));
  END
  $fn$;

REVOKE EXECUTE ON FUNCTION pm_appointment_signals(uuid, date, date), pm_charge_signals(uuid, date, date),
  cl_documentation_signals(uuid, date, date), cl_group_encounter_signals(uuid, date, date), cl_peer_signals(uuid, date, date),
  cl_caseload_signals(uuid, date, date), cl_consent_signals(uuid, date, date), cl_supervision_signals(uuid, date, date),
  pf_audit_signals(uuid, date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pm_appointment_signals(uuid, date, date), pm_charge_signals(uuid, date, date),
  cl_documentation_signals(uuid, date, date), cl_group_encounter_signals(uuid, date, date), cl_peer_signals(uuid, date, date),
  cl_caseload_signals(uuid, date, date), cl_consent_signals(uuid, date, date), cl_supervision_signals(uuid, date, date),
  pf_audit_signals(uuid, date, date) TO cairn_app;
