-- Provider productivity that survives differencing (issue 15, item 3; ADR 0012; PIA in
-- docs/privacy/provider-productivity-pia.md). Raw SQL: functions, a type and an aggregate Prisma cannot express.
--
-- Before: every answer suppressed correctly on its own, but two answers could be subtracted: two spans a day
-- apart gave one day's notes (and, through the average, one note's lag); the organization-wide folded row minus
-- a site's gave the other site's small providers; a quarter minus two of its months gave a provider's withheld
-- third month. Now:
--   1. Periods are fixed calendar months, quarters and years (organization time zone). They nest (month in
--      quarter in year) and never overlap otherwise, so two answers differ by whole months or not at all.
--   2. No folded row of small providers: their figures are in no answer, not even summed. An answer only says
--      how many providers it withholds (a row with suppressed = true, provider_count and nothing else).
--   3. A provider's row always carries the provider's figures at every site; the site filter selects the
--      providers whose home site (most sessions and notes in the calendar year) it is. A site answer is a subset
--      of the organization-wide rows, never a sub-total of them.
--   4. Complementary suppression down the calendar: a provider shown for a quarter with some months withheld
--      gets more months withheld until the withheld months together hold at least 5 patients (quarter minus
--      the shown months is then a sum over at least 5 patients); a year is withheld when the months it does not
--      cover by shown quarters and months hold fewer than 5 patients. The same rule, per cell (each cell 0 or at
--      least 5), holds for the blocks inside a row: sessions by category, documentation-lag bins, and the
--      notes behind the average lag.
--   5. Lag bins: under 24 h and 24 h or more (the measurement in the PIA: with three bins the >48 h bin, a few
--      notes a quarter, withheld nearly every provider's distribution). Notes completed per week is added.
--   6. scope 'supervised': a clinical supervisor (hr.productivity.supervised) gets the same rows, for the
--      providers they supervise only: peer specialists they recorded supervision of (cl_peer_supervision) in the
--      calendar year, and providers whose home site is a site where they hold the permission.

INSERT INTO pf_permissions (key, description) VALUES
  ('hr.productivity.supervised', 'View de-identified productivity of the providers one supervises');
INSERT INTO pf_role_permissions (role_key, permission_key) VALUES
  ('supervisor', 'hr.productivity.supervised'), ('owner', 'hr.productivity.supervised'), ('admin', 'hr.productivity.supervised');

-- Cells of a block (int[]): element-wise sum and difference, and the small-cell rule (every cell 0 or >= 5).
-- plpgsql loops rather than SQL over unnest: the aggregate calls wf_cells_add once per row, and a subquery per
-- call made it the slowest step of the report.
CREATE FUNCTION wf_cells_add(a integer[], b integer[]) RETURNS integer[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  AS $$
  DECLARE r integer[] := a;
  BEGIN
    IF a IS NULL THEN RETURN b; END IF;
    IF b IS NULL THEN RETURN a; END IF;
    FOR i IN 1..cardinality(a) LOOP r[i] := a[i] + b[i]; END LOOP;
    RETURN r;
  END $$;
CREATE FUNCTION wf_cells_sub(a integer[], b integer[]) RETURNS integer[] LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  AS $$
  DECLARE r integer[] := a;
  BEGIN
    IF b IS NULL THEN RETURN a; END IF;
    FOR i IN 1..cardinality(a) LOOP r[i] := a[i] - b[i]; END LOOP;
    RETURN r;
  END $$;
CREATE FUNCTION wf_cells_ok(c integer[]) RETURNS boolean LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE
  AS $$
  BEGIN
    FOR i IN 1..COALESCE(cardinality(c), 0) LOOP
      IF c[i] <> 0 AND c[i] < 5 THEN RETURN false; END IF;
    END LOOP;
    RETURN true;
  END $$;
CREATE AGGREGATE wf_cells_sum(integer[]) (SFUNC = wf_cells_add, STYPE = integer[]);
REVOKE EXECUTE ON FUNCTION wf_cells_add(integer[], integer[]), wf_cells_sub(integer[], integer[]), wf_cells_ok(integer[]),
  wf_cells_sum(integer[]) FROM PUBLIC;

DROP FUNCTION get_provider_productivity(text, text, text, text, text);
DROP TYPE provider_productivity_summary;

CREATE TYPE provider_productivity_summary AS (
  provider_id uuid,
  site_id uuid,
  organization_id uuid,
  period_start date,
  period_end date,
  suppressed boolean,
  provider_count integer,
  notes_completed_count integer,
  notes_completed_per_week numeric,
  avg_documentation_lag_hours integer,
  lag_under_24h integer,
  lag_24h_or_more integer,
  active_caseload_count integer,
  no_show_count integer,
  no_show_rate numeric,
  late_cancel_count integer,
  session_count_by_category jsonb
);

CREATE FUNCTION get_provider_productivity(period_start text, period_end text, org_id text, site_id text DEFAULT NULL,
                                          provider_id text DEFAULT NULL, scope text DEFAULT 'organization')
  RETURNS SETOF provider_productivity_summary
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $fn$
  DECLARE
    uuid_re constant text := '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
    date_re constant text := '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
    categories constant text[] := ARRAY['Individual Therapy', 'Group Services', 'Case Management', 'Assessment', 'Peer Support', 'Other'];
    v_start date;
    v_end date;
    v_org uuid;
    v_site uuid;
    v_provider uuid;
    v_scope text;
    v_kind text;
    v_month integer;
    v_year integer;
    v_ys date;
    v_ye date;
    v_pmask integer;   -- the requested period's months (bit m-1 = month m)
    v_family integer;  -- the months whose decisions it depends on: its quarter, or the year
    v_mm bit(366)[];   -- each month's days within the year's activity bits
    v_d0 integer;
    v_d1 integer;
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
    -- Fixed calendar periods only (ADR 0012): arbitrary spans can be subtracted from each other.
    IF extract(day FROM v_start) <> 1 THEN
      RAISE EXCEPTION 'invalid parameter period_start: must be the first day of a calendar month, quarter or year' USING ERRCODE = '22023';
    END IF;
    v_month := extract(month FROM v_start)::int;
    IF v_end = (v_start + interval '1 month')::date - 1 THEN
      v_kind := 'month';
    ELSIF v_month IN (1, 4, 7, 10) AND v_end = (v_start + interval '3 months')::date - 1 THEN
      v_kind := 'quarter';
    ELSIF v_month = 1 AND v_end = (v_start + interval '1 year')::date - 1 THEN
      v_kind := 'year';
    ELSE
      RAISE EXCEPTION 'invalid parameter period_end: must be the last day of the calendar month, quarter or year that begins at period_start'
        USING ERRCODE = '22023';
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
    IF scope IS NULL OR scope NOT IN ('organization', 'supervised') THEN
      RAISE EXCEPTION 'invalid parameter scope: must be organization or supervised' USING ERRCODE = '22023';
    END IF;
    v_org := org_id::uuid;
    v_site := site_id::uuid;
    v_provider := provider_id::uuid;
    v_scope := scope;

    -- 2. Permission, from the transaction context (never from a parameter). The organization-wide report needs
    -- hr.productivity.view at every site, or at site_id; the supervised one hr.productivity.supervised anywhere
    -- in the organization (which providers it covers follows from the bindings' sites below).
    IF v_org IS DISTINCT FROM pf_ctx_org() OR NOT EXISTS (
         SELECT 1 FROM pf_role_bindings b
         JOIN pf_staff_users u ON u.id = b.staff_user_id AND u.status = 'active'
         JOIN pf_role_permissions rp ON rp.role_key = b.role_key
          AND rp.permission_key = CASE v_scope WHEN 'supervised' THEN 'hr.productivity.supervised' ELSE 'hr.productivity.view' END
         WHERE b.organization_id = v_org AND b.staff_user_id = pf_ctx_user() AND b.revoked_at IS NULL
           AND (v_scope = 'supervised' OR b.all_sites OR (v_site IS NOT NULL AND v_site = ANY (b.site_ids)))) THEN
      IF v_scope = 'supervised' THEN
        RAISE EXCEPTION 'hr.productivity.supervised is not held in this organization' USING ERRCODE = '42501';
      END IF;
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

    -- 3. The calendar: the requested period's months, and the family of periods whose release decisions it
    -- depends on (a month's and a quarter's: the quarter and its months; a year's: every month and quarter).
    v_year := extract(year FROM v_start)::int;
    v_ys := make_date(v_year, 1, 1);
    v_ye := make_date(v_year + 1, 1, 1);
    v_pmask := CASE v_kind WHEN 'month' THEN 1 << (v_month - 1) WHEN 'quarter' THEN 7 << (v_month - 1) ELSE 4095 END;
    v_family := CASE v_kind WHEN 'year' THEN 4095 ELSE 7 << (3 * ((v_month - 1) / 3)) END;
    v_mm := ARRAY[]::bit(366)[];
    FOR m IN 1..12 LOOP
      v_d0 := extract(doy FROM make_date(v_year, m, 1))::int;
      v_d1 := extract(doy FROM (make_date(v_year, m, 1) + interval '1 month')::date - 1)::int;
      v_mm := v_mm || CASE WHEN (1 << (m - 1)) & v_family = 0 THEN v_zero
                           ELSE (repeat('0', v_d0 - 1) || repeat('1', v_d1 - v_d0 + 1) || repeat('0', 366 - v_d1))::bit(366) END;
    END LOOP;

    RETURN QUERY
    WITH
    -- Home site of each provider in the calendar year: the site of most sessions, no-shows, late cancellations
    -- and signed notes (ties: the smallest site id).
    site_activity AS (
      SELECT w.provider_id, w.site_id, (w.sessions + w.no_shows + w.late_cancels)::bigint AS n FROM wf_appointment_rollup w
      WHERE w.organization_id = v_org AND w.grain = 'month' AND w.period_start >= v_ys AND w.period_start < v_ye
      UNION ALL
      SELECT w.provider_id, w.site_id, w.notes::bigint FROM wf_note_rollup w
      WHERE w.organization_id = v_org AND w.grain = 'month' AND w.period_start >= v_ys AND w.period_start < v_ye
    ),
    home AS (
      SELECT DISTINCT ON (x.provider_id) x.provider_id, x.site_id
      FROM (SELECT a.provider_id, a.site_id, sum(a.n) AS n FROM site_activity a GROUP BY a.provider_id, a.site_id) x
      ORDER BY x.provider_id, x.n DESC, x.site_id
    ),
    -- Who a clinical supervisor supervises (scope 'supervised'): peer specialists they recorded supervision of in
    -- the year (CL-19), and the providers whose home site is a site where they hold hr.productivity.supervised.
    supervised AS (
      SELECT ps.peer_provider_id AS provider_id FROM cl_peer_supervision ps
      WHERE v_scope = 'supervised' AND ps.organization_id = v_org AND ps.supervisor_id = pf_ctx_user()
        AND ps.supervision_date >= v_ys AND ps.supervision_date < v_ye
      UNION
      SELECT h.provider_id FROM home h
      WHERE v_scope = 'supervised' AND EXISTS (
        SELECT 1 FROM pf_role_bindings b
        JOIN pf_staff_users u ON u.id = b.staff_user_id AND u.status = 'active'
        JOIN pf_role_permissions rp ON rp.role_key = b.role_key AND rp.permission_key = 'hr.productivity.supervised'
        WHERE b.organization_id = v_org AND b.staff_user_id = pf_ctx_user() AND b.revoked_at IS NULL
          AND (b.all_sites OR h.site_id = ANY (b.site_ids)))
    ),
    scope_p AS (
      SELECT h.provider_id, h.site_id FROM home h
      WHERE (v_site IS NULL OR h.site_id = v_site) AND (v_provider IS NULL OR h.provider_id = v_provider)
        AND (v_scope = 'organization' OR (h.provider_id IN (SELECT s.provider_id FROM supervised s) AND h.provider_id <> pf_ctx_user()))
    ),
    -- The family's periods as month masks; qmask is the quarter a month or quarter lies in (shift: its first bit).
    -- Every join between the derived sets below is an equality on (provider, quarter, ...): they hash, where a
    -- mask test would force nested loops over whole sets.
    periods AS (
      SELECT 'month'::text AS kind, 1 << (m - 1) AS mask, 3 * ((m - 1) / 3) AS shift, 7 << (3 * ((m - 1) / 3)) AS qmask
      FROM generate_series(1, 12) m WHERE (1 << (m - 1)) & v_family <> 0
      UNION ALL
      SELECT 'quarter', 7 << (3 * (q - 1)), 3 * (q - 1), 7 << (3 * (q - 1)) FROM generate_series(1, 4) q WHERE (7 << (3 * (q - 1))) & v_family <> 0
      UNION ALL
      SELECT 'year', 4095, 0, 4095 WHERE v_family = 4095
    ),
    -- Per provider and month of the family, from the month grain of the rollups, every site.
    appt_m AS (
      SELECT w.provider_id, 1 << (extract(month FROM w.period_start)::int - 1) AS mbit,
             sum(w.sessions)::int AS sessions, sum(w.no_shows)::int AS no_shows, sum(w.late_cancels)::int AS late_cancels,
             ARRAY[COALESCE(sum(w.sessions) FILTER (WHERE st.category = categories[1]), 0)::int,
                   COALESCE(sum(w.sessions) FILTER (WHERE st.category = categories[2]), 0)::int,
                   COALESCE(sum(w.sessions) FILTER (WHERE st.category = categories[3]), 0)::int,
                   COALESCE(sum(w.sessions) FILTER (WHERE st.category = categories[4]), 0)::int,
                   COALESCE(sum(w.sessions) FILTER (WHERE st.category = categories[5]), 0)::int,
                   COALESCE(sum(w.sessions) FILTER (WHERE st.category = categories[6]), 0)::int] AS cats
      FROM wf_appointment_rollup w
      JOIN scope_p sp ON sp.provider_id = w.provider_id
      LEFT JOIN pm_service_types st ON st.organization_id = v_org AND st.code = w.service_type
      WHERE w.organization_id = v_org AND w.grain = 'month' AND w.period_start >= v_ys AND w.period_start < v_ye
        AND (1 << (extract(month FROM w.period_start)::int - 1)) & v_family <> 0
      GROUP BY w.provider_id, w.period_start
    ),
    note_m AS (
      SELECT w.provider_id, 1 << (extract(month FROM w.period_start)::int - 1) AS mbit,
             sum(w.notes)::int AS notes, sum(w.lag_hours_sum) AS lag_sum,
             sum(w.lag_under_24h)::int AS b1, sum(w.lag_24_to_48h + w.lag_over_48h)::int AS b2
      FROM wf_note_rollup w
      JOIN scope_p sp ON sp.provider_id = w.provider_id
      WHERE w.organization_id = v_org AND w.grain = 'month' AND w.period_start >= v_ys AND w.period_start < v_ye
        AND (1 << (extract(month FROM w.period_start)::int - 1)) & v_family <> 0
      GROUP BY w.provider_id, w.period_start
    ),
    -- Each (provider, patient) pair's months with activity, as a 12-bit mask, from the yearly activity bits.
    pp AS (
      SELECT z.provider_id, z.patient_id,
             -- Twelve bit tests inline (a subquery per row was the costliest step); months outside the family
             -- have an empty mask (v_mm), so their tests are false.
             (CASE WHEN (z.days & v_mm[1]) <> v_zero THEN 1 ELSE 0 END | CASE WHEN (z.days & v_mm[2]) <> v_zero THEN 2 ELSE 0 END
              | CASE WHEN (z.days & v_mm[3]) <> v_zero THEN 4 ELSE 0 END | CASE WHEN (z.days & v_mm[4]) <> v_zero THEN 8 ELSE 0 END
              | CASE WHEN (z.days & v_mm[5]) <> v_zero THEN 16 ELSE 0 END | CASE WHEN (z.days & v_mm[6]) <> v_zero THEN 32 ELSE 0 END
              | CASE WHEN (z.days & v_mm[7]) <> v_zero THEN 64 ELSE 0 END | CASE WHEN (z.days & v_mm[8]) <> v_zero THEN 128 ELSE 0 END
              | CASE WHEN (z.days & v_mm[9]) <> v_zero THEN 256 ELSE 0 END | CASE WHEN (z.days & v_mm[10]) <> v_zero THEN 512 ELSE 0 END
              | CASE WHEN (z.days & v_mm[11]) <> v_zero THEN 1024 ELSE 0 END | CASE WHEN (z.days & v_mm[12]) <> v_zero THEN 2048 ELSE 0 END) AS pm
      FROM wf_provider_patient_activity z
      JOIN scope_p sp ON sp.provider_id = z.provider_id
      WHERE z.organization_id = v_org AND z.site_id = wf_all_sites() AND z.year = v_year
    ),
    caseload AS (
      SELECT pp.provider_id, pr.mask, count(*)::int AS patients FROM pp JOIN periods pr ON pp.pm & pr.mask <> 0 GROUP BY pp.provider_id, pr.mask
    ),
    appt_p AS (
      SELECT x.provider_id, pr.mask, sum(x.sessions)::int AS sessions, sum(x.no_shows)::int AS no_shows,
             sum(x.late_cancels)::int AS late_cancels, wf_cells_sum(x.cats) AS cats
      FROM appt_m x JOIN periods pr ON x.mbit & pr.mask <> 0 GROUP BY x.provider_id, pr.mask
    ),
    note_p AS (
      SELECT y.provider_id, pr.mask, sum(y.notes)::int AS notes, sum(y.lag_sum) AS lag_sum, sum(y.b1)::int AS b1, sum(y.b2)::int AS b2
      FROM note_m y JOIN periods pr ON y.mbit & pr.mask <> 0 GROUP BY y.provider_id, pr.mask
    ),
    -- Every figure per provider and period of the family.
    pv AS (
      SELECT sp.provider_id, pr.kind, pr.mask, pr.shift, pr.qmask,
             COALESCE(c.patients, 0) AS patients,
             COALESCE(a.sessions, 0) AS sessions, COALESCE(a.no_shows, 0) AS no_shows, COALESCE(a.late_cancels, 0) AS late_cancels,
             COALESCE(a.cats, ARRAY[0, 0, 0, 0, 0, 0]) AS cats,
             COALESCE(n.notes, 0) AS notes, COALESCE(n.lag_sum, 0) AS lag_sum, COALESCE(n.b1, 0) AS b1, COALESCE(n.b2, 0) AS b2
      FROM scope_p sp CROSS JOIN periods pr
      LEFT JOIN appt_p a ON a.provider_id = sp.provider_id AND a.mask = pr.mask
      LEFT JOIN note_p n ON n.provider_id = sp.provider_id AND n.mask = pr.mask
      LEFT JOIN caseload c ON c.provider_id = sp.provider_id AND c.mask = pr.mask
    ),
    -- Rows. A quarter with at least 5 patients is shown; its months with fewer than 5 are withheld, and more
    -- months with them (fewest first, then the earliest) until the withheld months hold at least 5 patients.
    -- (Candidates for a quarter under 5 patients are harmless: its months are all under 5 and withheld anyway.)
    q_row_cand AS (
      SELECT m.provider_id, m.qmask AS mask, m.shift, k.k, k.k << m.shift AS s,
             COALESCE(bit_or(m.mask) FILTER (WHERE m.patients < 5), 0) AS unrel,
             COALESCE(sum(m.sessions + m.no_shows + m.late_cancels + m.notes) FILTER (WHERE m.mask & (k.k << m.shift) <> 0), 0) AS activity
      FROM pv m CROSS JOIN generate_series(0, 7) AS k(k)
      WHERE m.kind = 'month'
      GROUP BY m.provider_id, m.qmask, m.shift, k.k
    ),
    -- Patients per provider, quarter and pattern of active months within it (at most 7 patterns a quarter):
    -- the distinct patients of any set of the quarter's months is a sum over the patterns that meet it.
    q_patterns AS (
      SELECT pp.provider_id, pr.mask AS qmask, pr.shift, pp.pm & pr.mask AS pat, count(*)::int AS n
      FROM pp JOIN periods pr ON pr.kind = 'quarter' AND pp.pm & pr.mask <> 0
      GROUP BY pp.provider_id, pr.mask, pr.shift, pp.pm & pr.mask
    ),
    q_subset_patients AS MATERIALIZED (
      SELECT t.provider_id, t.qmask, k.k, COALESCE(sum(t.n) FILTER (WHERE t.pat & (k.k << t.shift) <> 0), 0)::int AS patients
      FROM q_patterns t CROSS JOIN generate_series(0, 7) AS k(k)
      GROUP BY t.provider_id, t.qmask, k.k
    ),
    q_row_pick AS (
      SELECT DISTINCT ON (c.provider_id, c.mask) c.provider_id, c.mask, c.s
      FROM q_row_cand c
      LEFT JOIN q_subset_patients t ON t.provider_id = c.provider_id AND t.qmask = c.mask AND t.k = c.k
      WHERE c.s & c.unrel = c.unrel
        -- Withheld months that hold nothing at all reveal nothing: no patient, no appointment, no note.
        AND (c.s = 0 OR COALESCE(t.patients, 0) >= 5 OR c.activity = 0)
      ORDER BY c.provider_id, c.mask, (c.k & 1) + ((c.k >> 1) & 1) + ((c.k >> 2) & 1), c.k
    ),
    rel_mq AS (
      SELECT p.*, CASE p.kind
               WHEN 'month' THEN p.patients >= 5 AND COALESCE(k.s & p.mask = 0, true)
               WHEN 'quarter' THEN p.patients >= 5
               ELSE NULL END AS rel
      FROM pv p LEFT JOIN q_row_pick k ON p.kind = 'month' AND k.provider_id = p.provider_id AND k.mask = p.qmask
    ),
    -- A year is shown with at least 5 patients when the months its shown quarters and months leave uncovered
    -- hold none or at least 5 patients.
    y_uncovered AS (
      SELECT y.provider_id, 4095 & ~COALESCE(bit_or(r.mask) FILTER (WHERE r.rel), 0) AS u
      FROM rel_mq y JOIN rel_mq r ON r.provider_id = y.provider_id AND r.kind <> 'year'
      WHERE y.kind = 'year' GROUP BY y.provider_id
    ),
    y_uncovered_patients AS (
      SELECT u.provider_id, u.u, count(pp.patient_id) AS patients,
             (SELECT COALESCE(sum(m.sessions + m.no_shows + m.late_cancels + m.notes), 0) FROM rel_mq m
              WHERE m.provider_id = u.provider_id AND m.kind = 'month' AND m.mask & u.u <> 0) AS activity
      FROM y_uncovered u LEFT JOIN pp ON pp.provider_id = u.provider_id AND pp.pm & u.u <> 0
      GROUP BY u.provider_id, u.u
    ),
    rel AS (
      SELECT r.provider_id, r.kind, r.mask, r.shift, r.qmask, r.patients, r.sessions, r.no_shows, r.late_cancels, r.cats,
             r.notes, r.lag_sum, r.b1, r.b2,
             CASE WHEN r.kind <> 'year' THEN r.rel ELSE r.patients >= 5 AND (u.u = 0 OR u.patients >= 5 OR u.activity = 0) END AS rel
      FROM rel_mq r LEFT JOIN y_uncovered_patients u ON u.provider_id = r.provider_id
    ),
    -- Blocks inside a row: sessions by category, lag bins, notes behind the average lag. The same rule per cell.
    blocks AS (
      SELECT r.provider_id, r.kind, r.mask, r.shift, r.qmask, r.rel, b.block, b.v, (r.rel AND wf_cells_ok(b.v)) AS own
      FROM rel r CROSS JOIN LATERAL (VALUES ('cats'::text, r.cats), ('bins', ARRAY[r.b1, r.b2]), ('avg', ARRAY[r.notes])) AS b(block, v)
    ),
    -- Each month row carries its quarter's block (a window over the quarter instead of a join).
    blocks_q AS (
      SELECT b.*, max(b.v) FILTER (WHERE b.kind = 'quarter') OVER w AS qv, bool_or(b.own) FILTER (WHERE b.kind = 'quarter') OVER w AS qown
      FROM blocks b WINDOW w AS (PARTITION BY b.provider_id, b.block, b.qmask)
    ),
    q_blk_cand AS (
      SELECT m.provider_id, m.block, m.qmask AS mask, m.qv AS v, k.k, k.k << m.shift AS s,
             wf_cells_sum(m.v) FILTER (WHERE m.own AND m.mask & (k.k << m.shift) = 0) AS covered,
             COALESCE(bit_or(m.mask) FILTER (WHERE NOT m.own), 0) AS unshown
      FROM blocks_q m CROSS JOIN generate_series(0, 7) AS k(k)
      WHERE m.kind = 'month' AND m.qown
      GROUP BY m.provider_id, m.block, m.qmask, m.qv, m.shift, k.k
    ),
    q_blk_pick AS (
      SELECT DISTINCT ON (c.provider_id, c.block, c.mask) c.provider_id, c.block, c.mask, c.s
      FROM q_blk_cand c
      WHERE c.s & c.unshown = c.unshown AND wf_cells_ok(wf_cells_sub(c.v, c.covered))
      ORDER BY c.provider_id, c.block, c.mask, (c.k & 1) + ((c.k >> 1) & 1) + ((c.k >> 2) & 1), c.k
    ),
    shown_mq AS (
      SELECT b.*, CASE b.kind
               WHEN 'month' THEN b.own AND COALESCE(k.s & b.mask = 0, true)
               WHEN 'quarter' THEN b.own
               ELSE NULL END AS shown
      FROM blocks b LEFT JOIN q_blk_pick k ON b.kind = 'month' AND k.provider_id = b.provider_id AND k.block = b.block AND k.mask = b.qmask
    ),
    -- A year's block: what its shown quarters, or else the shown months of a quarter, leave over must pass too.
    shown_q AS (
      SELECT b.provider_id, b.block, COALESCE(bit_or(b.mask) FILTER (WHERE b.kind = 'quarter' AND b.shown), 0) AS qmask
      FROM shown_mq b GROUP BY b.provider_id, b.block
    ),
    y_cover AS MATERIALIZED (
      SELECT c.provider_id, c.block, wf_cells_sum(c.v) AS v
      FROM shown_mq c JOIN shown_q q ON q.provider_id = c.provider_id AND q.block = c.block
      WHERE v_family = 4095 AND c.shown AND (c.kind = 'quarter' OR c.mask & q.qmask = 0)
      GROUP BY c.provider_id, c.block
    ),
    block_state AS MATERIALIZED (
      SELECT b.provider_id, b.kind, b.mask, b.block, b.shown FROM shown_mq b WHERE b.kind <> 'year'
      UNION ALL
      SELECT y.provider_id, y.kind, y.mask, y.block, y.own AND wf_cells_ok(wf_cells_sub(y.v, c.v))
      FROM shown_mq y LEFT JOIN y_cover c ON c.provider_id = y.provider_id AND c.block = y.block
      WHERE y.kind = 'year'
    ),
    final AS (
      SELECT r.*,
             COALESCE(bool_or(s.shown) FILTER (WHERE s.block = 'cats'), false) AS cats_shown,
             COALESCE(bool_or(s.shown) FILTER (WHERE s.block = 'bins'), false) AS bins_shown,
             COALESCE(bool_or(s.shown) FILTER (WHERE s.block = 'avg'), false) AS avg_shown
      FROM rel r JOIN block_state s ON s.provider_id = r.provider_id AND s.kind = r.kind AND s.mask = r.mask
      WHERE r.mask = v_pmask AND r.kind = v_kind
      GROUP BY r.provider_id, r.kind, r.mask, r.shift, r.qmask, r.patients, r.sessions, r.no_shows, r.late_cancels, r.cats, r.notes,
               r.lag_sum, r.b1, r.b2, r.rel
    ),
    active AS (
      SELECT f.* FROM final f WHERE f.patients > 0 OR f.notes > 0 OR f.sessions > 0 OR f.no_shows > 0 OR f.late_cancels > 0
    )
    SELECT f.provider_id, sp.site_id, v_org, v_start, v_end, false, 1,
           f.notes,
           round(f.notes / ((v_end - v_start + 1) / 7.0), 1),
           CASE WHEN f.avg_shown AND f.notes > 0 THEN round(f.lag_sum / f.notes)::int END,
           CASE WHEN f.bins_shown AND f.notes > 0 THEN f.b1 END,
           CASE WHEN f.bins_shown AND f.notes > 0 THEN f.b2 END,
           f.patients,
           f.no_shows,
           CASE WHEN f.sessions + f.no_shows > 0 THEN round(f.no_shows::numeric / (f.sessions + f.no_shows), 3) END,
           f.late_cancels,
           CASE WHEN f.cats_shown THEN (
             SELECT COALESCE(jsonb_object_agg(categories[c.i], c.n ORDER BY categories[c.i]), '{}'::jsonb)
             FROM unnest(f.cats) WITH ORDINALITY AS c(n, i) WHERE c.n > 0)
           ELSE '{}'::jsonb END
    FROM active f JOIN scope_p sp ON sp.provider_id = f.provider_id
    WHERE f.rel
    UNION ALL
    -- How many providers with activity in the period the answer withholds, and nothing else about them.
    SELECT NULL::uuid, v_site, v_org, v_start, v_end, true, count(*)::int,
           NULL::int, NULL::numeric, NULL::int, NULL::int, NULL::int, NULL::int, NULL::int, NULL::numeric, NULL::int, NULL::jsonb
    FROM active f WHERE NOT f.rel
    HAVING count(*) > 0
    ORDER BY 6, 1;
  END
  $fn$;

REVOKE EXECUTE ON FUNCTION get_provider_productivity(text, text, text, text, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION get_provider_productivity(text, text, text, text, text, text) TO cairn_app;
