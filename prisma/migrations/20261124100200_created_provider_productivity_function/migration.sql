-- get_provider_productivity(period_start, period_end, org_id, site_id, provider_id): the provider productivity
-- summary HR reads (provider-productivity-analytics seed, issue 5). Raw SQL because Prisma cannot express
-- functions or types.
--
-- SECURITY DEFINER (owned by the BYPASSRLS owner) so it can aggregate CL's progress notes and PM's
-- appointments for a caller, HR, who may read neither table; it returns only non-PHI aggregates. Inside it:
--   1. validates every parameter (text in, so a malformed value reaches this check instead of failing a cast
--      first) and raises SQLSTATE 22023 with the message "invalid parameter <name>: <why>", which the API
--      answers with 400 naming the parameter;
--   2. checks that the transaction context's user holds hr.productivity.view in org_id (which must be the
--      context's organization) at every site, or at site_id when one is given, else SQLSTATE 42501 (403);
--   3. aggregates per provider over the period (inclusive dates, in the organization's time zone) and applies
--      the privacy rules: providers with fewer than 5 distinct patients are folded into one "suppressed" row
--      (omitted when it would cover fewer than 5 patients or fewer than 2 providers, and never returned for a
--      single-provider query, where it would be that provider); a session category appears only with a count
--      of at least 5; average lag and lag bins are withheld unless at least 5 notes stand behind them and
--      every non-empty bin holds at least 5. Nothing returned names a session, a note, a patient or a time
--      finer than the period.
-- It reads the rollups kept exact by triggers (migration ..._added_productivity_rollups), whose days are the
-- organization's calendar days. Definitions (also in libs/platform/workforce-data/README.md, with the
-- lineage queries):
--   notes_completed_count  notes signed (signed_at) in the period, by their author
--   documentation lag      signed_at - session_end, in hours (negative counts as 0); avg rounded to whole hours
--   lag bins               <24h, 24-48h (inclusive), >48h
--   active_caseload_count  distinct patients with a completed or checked-in appointment starting in the
--                          period, or a note signed in the period, with that provider
--   no_show_count          appointments starting in the period with status no_show (explicit, never inferred)
--   no_show_rate           no_show / (completed + checked_in + no_show), 3 decimals
--   late_cancel_count      appointments starting in the period with status late_cancelled (apart from no-shows)
--   sessions by category   completed or checked-in appointments, by their service type's category

CREATE TYPE provider_productivity_summary AS (
  provider_id uuid,
  site_id uuid,
  organization_id uuid,
  period_start date,
  period_end date,
  suppressed boolean,
  provider_count integer,
  notes_completed_count integer,
  avg_documentation_lag_hours integer,
  lag_under_24h integer,
  lag_24_to_48h integer,
  lag_over_48h integer,
  active_caseload_count integer,
  no_show_count integer,
  no_show_rate numeric,
  late_cancel_count integer,
  session_count_by_category jsonb
);

CREATE FUNCTION get_provider_productivity(period_start text, period_end text, org_id text, site_id text DEFAULT NULL, provider_id text DEFAULT NULL)
  RETURNS SETOF provider_productivity_summary
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $fn$
  DECLARE
    uuid_re constant text := '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
    date_re constant text := '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
    min_patients constant integer := 5;
    min_cell constant integer := 5;
    v_start date;
    v_end date;
    v_org uuid;
    v_site uuid;
    v_provider uuid;
    v_months_from date;
    v_months_to date;
    v_activity_site uuid;
    v_year1 integer;
    v_year2 integer;
    v_from1 integer;
    v_len1 integer;
    v_len2 integer;
    v_mask1 bit(366);
    v_mask2 bit(366);
    v_zero constant bit(366) := repeat('0', 366)::bit(366);
  BEGIN
    -- 1. Parameters.
    IF period_start IS NULL OR period_start !~ date_re THEN
      RAISE EXCEPTION 'invalid parameter period_start: must be a date (YYYY-MM-DD)' USING ERRCODE = '22023';
    END IF;
    IF period_end IS NULL OR period_end !~ date_re THEN
      RAISE EXCEPTION 'invalid parameter period_end: must be a date (YYYY-MM-DD)' USING ERRCODE = '22023';
    END IF;
    BEGIN
      v_start := to_date(period_start, 'YYYY-MM-DD');
      IF to_char(v_start, 'YYYY-MM-DD') <> period_start THEN RAISE EXCEPTION 'not a calendar date'; END IF;
    EXCEPTION WHEN OTHERS THEN
      RAISE EXCEPTION 'invalid parameter period_start: is not a calendar date' USING ERRCODE = '22023';
    END;
    BEGIN
      v_end := to_date(period_end, 'YYYY-MM-DD');
      IF to_char(v_end, 'YYYY-MM-DD') <> period_end THEN RAISE EXCEPTION 'not a calendar date'; END IF;
    EXCEPTION WHEN OTHERS THEN
      RAISE EXCEPTION 'invalid parameter period_end: is not a calendar date' USING ERRCODE = '22023';
    END;
    IF v_end <= v_start THEN
      RAISE EXCEPTION 'invalid parameter period_end: must be after period_start' USING ERRCODE = '22023';
    END IF;
    IF v_end - v_start > 366 THEN
      RAISE EXCEPTION 'invalid parameter period_end: must be at most 366 days after period_start' USING ERRCODE = '22023';
    END IF;
    IF org_id IS NULL OR org_id !~ uuid_re THEN
      RAISE EXCEPTION 'invalid parameter org_id: must be a UUID' USING ERRCODE = '22023';
    END IF;
    IF site_id IS NOT NULL AND site_id !~ uuid_re THEN
      RAISE EXCEPTION 'invalid parameter site_id: must be a UUID' USING ERRCODE = '22023';
    END IF;
    IF provider_id IS NOT NULL AND provider_id !~ uuid_re THEN
      RAISE EXCEPTION 'invalid parameter provider_id: must be a UUID' USING ERRCODE = '22023';
    END IF;
    v_org := org_id::uuid;
    v_site := site_id::uuid;
    v_provider := provider_id::uuid;

    -- 2. Permission, from the transaction context (never from a parameter).
    IF v_org IS DISTINCT FROM pf_ctx_org() OR NOT EXISTS (
         SELECT 1 FROM pf_role_bindings b
         JOIN pf_staff_users u ON u.id = b.staff_user_id AND u.status = 'active'
         JOIN pf_role_permissions rp ON rp.role_key = b.role_key AND rp.permission_key = 'hr.productivity.view'
         WHERE b.organization_id = v_org AND b.staff_user_id = pf_ctx_user() AND b.revoked_at IS NULL
           AND (b.all_sites OR (v_site IS NOT NULL AND v_site = ANY (b.site_ids)))) THEN
      RAISE EXCEPTION 'hr.productivity.view is not held in this organization%', CASE WHEN v_site IS NULL THEN ' at every site' ELSE ' at this site' END
        USING ERRCODE = '42501';
    END IF;
    IF v_site IS NOT NULL THEN
      IF NOT EXISTS (SELECT 1 FROM pf_sites s WHERE s.organization_id = v_org AND s.id = v_site) THEN
        RAISE EXCEPTION 'invalid parameter site_id: is not a site of this organization' USING ERRCODE = '22023';
      END IF;
      IF NOT pf_ctx_site_allowed(v_site) THEN
        RAISE EXCEPTION 'hr.productivity.view is not held at this site in this request' USING ERRCODE = '42501';
      END IF;
    END IF;

    -- 3. Aggregates, from the rollups (migration ..._added_productivity_rollups): whole months of the period
    -- from the month grain, the days before the first and after the last whole month from the day grain.
    v_months_from := CASE WHEN extract(day FROM v_start) = 1 THEN v_start ELSE (date_trunc('month', v_start) + interval '1 month')::date END;
    v_months_to := date_trunc('month', v_end + 1)::date;
    IF v_months_from >= v_months_to THEN
      v_months_from := v_end + 1;
      v_months_to := v_end + 1;
    END IF;
    -- Caseload bits: the period's first day and length within its first year (1-based, 1 = 1 January), and its
    -- length within the second year when it crosses a new year.
    v_activity_site := COALESCE(v_site, wf_all_sites());
    v_year1 := extract(year FROM v_start)::int;
    v_year2 := extract(year FROM v_end)::int;
    v_from1 := extract(doy FROM v_start)::int;
    v_len1 := CASE WHEN v_year2 = v_year1 THEN extract(doy FROM v_end)::int ELSE 366 END - v_from1 + 1;
    v_len2 := extract(doy FROM v_end)::int;
    -- The period's days as masks over each year's bits: a pair is active when (days & mask) has a bit set.
    v_mask1 := (repeat('0', v_from1 - 1) || repeat('1', v_len1) || repeat('0', 366 - v_from1 - v_len1 + 1))::bit(366);
    v_mask2 := (repeat('1', v_len2) || repeat('0', 366 - v_len2))::bit(366);

    RETURN QUERY
    WITH appt_r AS (
      SELECT w.provider_id, w.service_type, w.sessions, w.no_shows, w.late_cancels FROM wf_appointment_rollup w
      WHERE w.organization_id = v_org AND w.grain = 'month' AND w.period_start >= v_months_from AND w.period_start < v_months_to
        AND (v_site IS NULL OR w.site_id = v_site) AND (v_provider IS NULL OR w.provider_id = v_provider)
      UNION ALL
      SELECT w.provider_id, w.service_type, w.sessions, w.no_shows, w.late_cancels FROM wf_appointment_rollup w
      WHERE w.organization_id = v_org AND w.grain = 'day'
        AND ((w.period_start >= v_start AND w.period_start < v_months_from) OR (w.period_start >= v_months_to AND w.period_start <= v_end))
        AND (v_site IS NULL OR w.site_id = v_site) AND (v_provider IS NULL OR w.provider_id = v_provider)
    ),
    note_r AS (
      SELECT w.provider_id, w.notes, w.lag_hours_sum, w.lag_under_24h, w.lag_24_to_48h, w.lag_over_48h FROM wf_note_rollup w
      WHERE w.organization_id = v_org AND w.grain = 'month' AND w.period_start >= v_months_from AND w.period_start < v_months_to
        AND (v_site IS NULL OR w.site_id = v_site) AND (v_provider IS NULL OR w.provider_id = v_provider)
      UNION ALL
      SELECT w.provider_id, w.notes, w.lag_hours_sum, w.lag_under_24h, w.lag_24_to_48h, w.lag_over_48h FROM wf_note_rollup w
      WHERE w.organization_id = v_org AND w.grain = 'day'
        AND ((w.period_start >= v_start AND w.period_start < v_months_from) OR (w.period_start >= v_months_to AND w.period_start <= v_end))
        AND (v_site IS NULL OR w.site_id = v_site) AND (v_provider IS NULL OR w.provider_id = v_provider)
    ),
    appt_stats AS (
      SELECT x.provider_id, sum(x.no_shows)::int AS no_show, sum(x.late_cancels)::int AS late_cancel,
             (sum(x.sessions) + sum(x.no_shows))::int AS expected
      FROM appt_r x GROUP BY x.provider_id
    ),
    category_counts AS (
      SELECT x.provider_id, st.category, sum(x.sessions)::int AS n
      FROM appt_r x JOIN pm_service_types st ON st.organization_id = v_org AND st.code = x.service_type
      GROUP BY x.provider_id, st.category
    ),
    note_stats AS (
      SELECT y.provider_id, sum(y.notes)::int AS notes, sum(y.lag_hours_sum) AS lag_sum,
             sum(y.lag_under_24h)::int AS b1, sum(y.lag_24_to_48h)::int AS b2, sum(y.lag_over_48h)::int AS b3
      FROM note_r y GROUP BY y.provider_id
    ),
    -- Distinct patients with activity in the period: one narrow row and one bit test per (provider, patient)
    -- and year; in a period spanning two years a pair counts in the second only when the first has none.
    activity AS (
      SELECT z.provider_id, z.patient_id FROM wf_provider_patient_activity z
      WHERE z.organization_id = v_org AND z.site_id = v_activity_site AND z.year = v_year1
        AND (v_provider IS NULL OR z.provider_id = v_provider)
        AND (z.days & v_mask1) <> v_zero
      UNION ALL
      SELECT z.provider_id, z.patient_id FROM wf_provider_patient_activity z
      WHERE v_year2 > v_year1 AND z.organization_id = v_org AND z.site_id = v_activity_site AND z.year = v_year2
        AND (v_provider IS NULL OR z.provider_id = v_provider)
        AND (z.days & v_mask2) <> v_zero
        AND NOT EXISTS (
          SELECT 1 FROM wf_provider_patient_activity z1
          WHERE z1.organization_id = v_org AND z1.site_id = v_activity_site AND z1.year = v_year1
            AND z1.provider_id = z.provider_id AND z1.patient_id = z.patient_id
            AND (z1.days & v_mask1) <> v_zero)
    ),
    caseload AS (
      SELECT z.provider_id, count(*)::int AS patients FROM activity z GROUP BY z.provider_id
    ),
    providers AS (
      SELECT p.provider_id, COALESCE(c.patients, 0) AS patients, (COALESCE(c.patients, 0) < min_patients) AS folded
      -- Providers with a completed, checked-in, no-show or late-cancelled appointment or a signed note in the period.
      FROM (SELECT s.provider_id FROM appt_stats s WHERE s.expected > 0 OR s.late_cancel > 0
            UNION SELECT t.provider_id FROM note_stats t WHERE t.notes > 0
            UNION SELECT c2.provider_id FROM caseload c2) p
      LEFT JOIN caseload c ON c.provider_id = p.provider_id
    ),
    -- One group per shown provider, plus one group (key NULL) for every folded provider.
    grp AS (
      SELECT p.provider_id, CASE WHEN p.folded THEN NULL ELSE p.provider_id END AS group_key, p.folded, p.patients FROM providers p
    ),
    grouped AS (
      SELECT g.group_key, bool_or(g.folded) AS folded, count(*)::int AS provider_count,
             COALESCE(sum(n.notes), 0)::int AS notes,
             sum(n.lag_sum) / NULLIF(sum(n.notes), 0) AS lag_avg,
             COALESCE(sum(n.b1), 0)::int AS b1, COALESCE(sum(n.b2), 0)::int AS b2, COALESCE(sum(n.b3), 0)::int AS b3,
             COALESCE(sum(a.no_show), 0)::int AS no_show, COALESCE(sum(a.late_cancel), 0)::int AS late_cancel,
             COALESCE(sum(a.expected), 0)::int AS expected,
             -- A shown provider's caseload is its own; the folded group's is counted distinct below.
             CASE WHEN bool_or(g.folded) THEN NULL ELSE max(g.patients) END AS patients
      FROM grp g
      LEFT JOIN note_stats n ON n.provider_id = g.provider_id
      LEFT JOIN appt_stats a ON a.provider_id = g.provider_id
      GROUP BY g.group_key
    ),
    folded_caseload AS (
      SELECT count(DISTINCT z.patient_id)::int AS patients
      FROM activity z JOIN grp g ON g.provider_id = z.provider_id AND g.folded
    ),
    group_categories AS (
      SELECT q.group_key, jsonb_object_agg(q.category, q.n ORDER BY q.category) AS cats
      FROM (SELECT g.group_key, cc.category, sum(cc.n)::int AS n
            FROM category_counts cc JOIN grp g ON g.provider_id = cc.provider_id
            GROUP BY g.group_key, cc.category) q
      WHERE q.n >= min_cell
      GROUP BY q.group_key
    )
    SELECT gr.group_key, v_site, v_org, v_start, v_end, gr.folded, CASE WHEN gr.folded THEN gr.provider_count ELSE 1 END,
           gr.notes,
           CASE WHEN gr.notes >= min_cell THEN round(gr.lag_avg)::int END,
           CASE WHEN gr.notes >= min_cell AND (gr.b1 = 0 OR gr.b1 >= min_cell) AND (gr.b2 = 0 OR gr.b2 >= min_cell) AND (gr.b3 = 0 OR gr.b3 >= min_cell) THEN gr.b1 END,
           CASE WHEN gr.notes >= min_cell AND (gr.b1 = 0 OR gr.b1 >= min_cell) AND (gr.b2 = 0 OR gr.b2 >= min_cell) AND (gr.b3 = 0 OR gr.b3 >= min_cell) THEN gr.b2 END,
           CASE WHEN gr.notes >= min_cell AND (gr.b1 = 0 OR gr.b1 >= min_cell) AND (gr.b2 = 0 OR gr.b2 >= min_cell) AND (gr.b3 = 0 OR gr.b3 >= min_cell) THEN gr.b3 END,
           COALESCE(gr.patients, fc.patients, 0),
           gr.no_show,
           CASE WHEN gr.expected > 0 THEN round(gr.no_show::numeric / gr.expected, 3) END,
           gr.late_cancel,
           COALESCE(cat.cats, '{}'::jsonb)
    FROM grouped gr
    CROSS JOIN folded_caseload fc
    LEFT JOIN group_categories cat ON cat.group_key IS NOT DISTINCT FROM gr.group_key
    WHERE NOT gr.folded
       OR (v_provider IS NULL AND gr.provider_count >= 2 AND fc.patients >= min_patients)
    ORDER BY gr.folded, gr.group_key;
  END
  $fn$;

REVOKE EXECUTE ON FUNCTION get_provider_productivity(text, text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION get_provider_productivity(text, text, text, text, text) TO cairn_app;
