-- CreateTable
CREATE TABLE "wf_appointment_rollup" (
    "organization_id" UUID NOT NULL,
    "grain" TEXT NOT NULL,
    "period_start" DATE NOT NULL,
    "provider_id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "service_type" TEXT NOT NULL,
    "sessions" INTEGER NOT NULL DEFAULT 0,
    "no_shows" INTEGER NOT NULL DEFAULT 0,
    "late_cancels" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "wf_appointment_rollup_pkey" PRIMARY KEY ("organization_id","grain","period_start","provider_id","site_id","service_type")
);

-- CreateTable
CREATE TABLE "wf_note_rollup" (
    "organization_id" UUID NOT NULL,
    "grain" TEXT NOT NULL,
    "period_start" DATE NOT NULL,
    "provider_id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "notes" INTEGER NOT NULL DEFAULT 0,
    "lag_hours_sum" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "lag_under_24h" INTEGER NOT NULL DEFAULT 0,
    "lag_24_to_48h" INTEGER NOT NULL DEFAULT 0,
    "lag_over_48h" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "wf_note_rollup_pkey" PRIMARY KEY ("organization_id","grain","period_start","provider_id","site_id")
);

-- CreateTable
CREATE TABLE "wf_provider_patient_activity" (
    "organization_id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "year" INTEGER NOT NULL,
    "provider_id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "days" BIT(366) NOT NULL,

    CONSTRAINT "wf_provider_patient_activity_pkey" PRIMARY KEY ("organization_id","site_id","year","provider_id","patient_id")
);

-- CreateIndex
CREATE INDEX "wf_provider_patient_activity_covering_idx" ON "wf_provider_patient_activity"("organization_id", "site_id", "year", "provider_id", "patient_id", "days");

-- ---------------------------------------------------------------------------------------------------------
-- Raw SQL: the triggers that keep the rollups exact, row-level security and (no) grants. Why a rollup:
-- aggregating a quarter of a large organization from the base tables (~160,000 appointments and as many notes)
-- takes ~1 s; from the rollups it takes milliseconds (libs/platform/workforce-data/README.md, "Query plan").
-- The rollups are derived data: wf_rebuild_rollups() rebuilds them from pm_appointments and
-- cl_progress_notes, and the data-lineage test compares them with the base tables.

ALTER TABLE wf_appointment_rollup ADD CONSTRAINT wf_appointment_rollup_grain_check CHECK (grain IN ('day', 'month'));
ALTER TABLE wf_note_rollup ADD CONSTRAINT wf_note_rollup_grain_check CHECK (grain IN ('day', 'month'));

-- The nil UUID stands for "every site" in wf_provider_patient_activity.
CREATE FUNCTION wf_all_sites() RETURNS uuid LANGUAGE sql IMMUTABLE AS $$ SELECT '00000000-0000-0000-0000-000000000000'::uuid $$;

-- A day of activity of a patient with a provider at a site.
CREATE TYPE wf_activity_day AS (organization_id uuid, site_id uuid, provider_id uuid, patient_id uuid, day date);

-- The one-bit mask of a day within its year's bit(366) (bit 0 = 1 January).
CREATE FUNCTION wf_day_bit(day date) RETURNS bit(366) LANGUAGE sql IMMUTABLE
  AS $$ SELECT set_bit(repeat('0', 366)::bit(366), extract(doy FROM day)::int - 1, 1) $$;

-- Sets the new days' bits (per site and for every site).
CREATE FUNCTION wf_add_activity(days wf_activity_day[]) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    INSERT INTO wf_provider_patient_activity AS w (organization_id, site_id, year, provider_id, patient_id, days)
    SELECT d.organization_id, s.site_id, extract(year FROM d.day)::int, d.provider_id, d.patient_id, bit_or(wf_day_bit(d.day))
    FROM unnest(days) d CROSS JOIN LATERAL (VALUES (d.site_id), (wf_all_sites())) s(site_id)
    GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (organization_id, site_id, year, provider_id, patient_id) DO UPDATE SET days = w.days | EXCLUDED.days
  $$;

-- Recomputes the pairs' bits from the base tables (after a removal: a status, time or provider change): every
-- year the pair has a row for or activity in is rewritten, to zero when nothing is left.
CREATE FUNCTION wf_recompute_activity(pairs wf_activity_day[]) RETURNS void
  LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    WITH keys AS (
      SELECT DISTINCT p.organization_id, s.site_id, p.provider_id, p.patient_id
      FROM unnest(pairs) p CROSS JOIN LATERAL (VALUES (p.site_id), (wf_all_sites())) s(site_id)
    ), fresh AS (
      SELECT k.organization_id, k.site_id, extract(year FROM x.day)::int AS year, k.provider_id, k.patient_id, bit_or(wf_day_bit(x.day)) AS days
      FROM keys k JOIN pf_organizations o ON o.id = k.organization_id
      CROSS JOIN LATERAL (
        SELECT (a.start_at AT TIME ZONE o.timezone)::date AS day FROM pm_appointments a
        WHERE a.organization_id = k.organization_id AND a.patient_id = k.patient_id AND a.provider_id = k.provider_id
          AND (k.site_id = wf_all_sites() OR a.site_id = k.site_id) AND a.status IN ('completed', 'checked_in')
        UNION
        SELECT (n.signed_at AT TIME ZONE o.timezone)::date FROM cl_progress_notes n
        WHERE n.organization_id = k.organization_id AND n.patient_id = k.patient_id AND n.author_id = k.provider_id
          AND (k.site_id = wf_all_sites() OR n.site_id = k.site_id) AND n.signed_at IS NOT NULL) x
      GROUP BY 1, 2, 3, 4, 5
    ), targets AS (
      SELECT w.organization_id, w.site_id, w.year, w.provider_id, w.patient_id FROM wf_provider_patient_activity w
      JOIN keys k ON k.organization_id = w.organization_id AND k.site_id = w.site_id AND k.provider_id = w.provider_id AND k.patient_id = w.patient_id
      UNION
      SELECT f.organization_id, f.site_id, f.year, f.provider_id, f.patient_id FROM fresh f
    )
    INSERT INTO wf_provider_patient_activity AS w (organization_id, site_id, year, provider_id, patient_id, days)
    SELECT t.organization_id, t.site_id, t.year, t.provider_id, t.patient_id, COALESCE(f.days, repeat('0', 366)::bit(366))
    FROM targets t LEFT JOIN fresh f USING (organization_id, site_id, year, provider_id, patient_id)
    ON CONFLICT (organization_id, site_id, year, provider_id, patient_id) DO UPDATE SET days = EXCLUDED.days
  $$;

-- Applies appointment rows added and removed (an UPDATE removes the old version and adds the new one) to the
-- counters (day and month grain, in the organization's time zone) and to the activity ranges.
CREATE FUNCTION wf_apply_appointment_changes(added pm_appointments[], removed pm_appointments[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    WITH c AS (
      SELECT x.organization_id, x.provider_id, x.site_id, x.service_type, x.status, x.start_at, 1 AS sign FROM unnest(added) x
      UNION ALL
      SELECT x.organization_id, x.provider_id, x.site_id, x.service_type, x.status, x.start_at, -1 FROM unnest(removed) x
    ), changes AS (
      SELECT c.*, (c.start_at AT TIME ZONE o.timezone)::date AS day FROM c JOIN pf_organizations o ON o.id = c.organization_id
    ), grains AS (
      SELECT organization_id, 'day'::text AS grain, day AS period_start, provider_id, site_id, service_type, status, sign FROM changes
      UNION ALL
      SELECT organization_id, 'month', date_trunc('month', day)::date, provider_id, site_id, service_type, status, sign FROM changes
    ), deltas AS (
      SELECT organization_id, grain, period_start, provider_id, site_id, service_type,
             COALESCE(sum(sign) FILTER (WHERE status IN ('completed', 'checked_in')), 0)::int AS sessions,
             COALESCE(sum(sign) FILTER (WHERE status = 'no_show'), 0)::int AS no_shows,
             COALESCE(sum(sign) FILTER (WHERE status = 'late_cancelled'), 0)::int AS late_cancels
      FROM grains GROUP BY 1, 2, 3, 4, 5, 6
    )
    INSERT INTO wf_appointment_rollup AS w (organization_id, grain, period_start, provider_id, site_id, service_type, sessions, no_shows, late_cancels)
    SELECT * FROM deltas WHERE sessions <> 0 OR no_shows <> 0 OR late_cancels <> 0
    ON CONFLICT (organization_id, grain, period_start, provider_id, site_id, service_type) DO UPDATE
      SET sessions = w.sessions + EXCLUDED.sessions, no_shows = w.no_shows + EXCLUDED.no_shows, late_cancels = w.late_cancels + EXCLUDED.late_cancels;

    PERFORM wf_add_activity(ARRAY(
      SELECT ROW(a.organization_id, a.site_id, a.provider_id, a.patient_id, (a.start_at AT TIME ZONE o.timezone)::date)::wf_activity_day
      FROM unnest(added) a JOIN pf_organizations o ON o.id = a.organization_id
      WHERE a.status IN ('completed', 'checked_in')));
    PERFORM wf_recompute_activity(ARRAY(
      SELECT DISTINCT ROW(a.organization_id, a.site_id, a.provider_id, a.patient_id, NULL::date)::wf_activity_day
      FROM unnest(removed) a WHERE a.status IN ('completed', 'checked_in')));
  END
  $$;

-- The same for notes: only signed notes count, on the day they were signed.
CREATE FUNCTION wf_apply_note_changes(added cl_progress_notes[], removed cl_progress_notes[]) RETURNS void
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    WITH c AS (
      SELECT x.organization_id, x.author_id, x.site_id, x.signed_at, x.session_end, 1 AS sign FROM unnest(added) x WHERE x.signed_at IS NOT NULL
      UNION ALL
      SELECT x.organization_id, x.author_id, x.site_id, x.signed_at, x.session_end, -1 FROM unnest(removed) x WHERE x.signed_at IS NOT NULL
    ), changes AS (
      SELECT c.organization_id, c.author_id AS provider_id, c.site_id, (c.signed_at AT TIME ZONE o.timezone)::date AS day,
             GREATEST(extract(epoch FROM c.signed_at - c.session_end) / 3600.0, 0)::float8 AS lag, c.sign
      FROM c JOIN pf_organizations o ON o.id = c.organization_id
    ), grains AS (
      SELECT organization_id, 'day'::text AS grain, day AS period_start, provider_id, site_id, lag, sign FROM changes
      UNION ALL
      SELECT organization_id, 'month', date_trunc('month', day)::date, provider_id, site_id, lag, sign FROM changes
    )
    INSERT INTO wf_note_rollup AS w (organization_id, grain, period_start, provider_id, site_id, notes, lag_hours_sum, lag_under_24h, lag_24_to_48h, lag_over_48h)
    SELECT organization_id, grain, period_start, provider_id, site_id, sum(sign)::int, sum(sign * lag),
           COALESCE(sum(sign) FILTER (WHERE lag < 24), 0)::int,
           COALESCE(sum(sign) FILTER (WHERE lag >= 24 AND lag <= 48), 0)::int,
           COALESCE(sum(sign) FILTER (WHERE lag > 48), 0)::int
    FROM grains GROUP BY 1, 2, 3, 4, 5
    ON CONFLICT (organization_id, grain, period_start, provider_id, site_id) DO UPDATE
      SET notes = w.notes + EXCLUDED.notes, lag_hours_sum = w.lag_hours_sum + EXCLUDED.lag_hours_sum,
          lag_under_24h = w.lag_under_24h + EXCLUDED.lag_under_24h, lag_24_to_48h = w.lag_24_to_48h + EXCLUDED.lag_24_to_48h,
          lag_over_48h = w.lag_over_48h + EXCLUDED.lag_over_48h;

    PERFORM wf_add_activity(ARRAY(
      SELECT ROW(n.organization_id, n.site_id, n.author_id, n.patient_id, (n.signed_at AT TIME ZONE o.timezone)::date)::wf_activity_day
      FROM unnest(added) n JOIN pf_organizations o ON o.id = n.organization_id
      WHERE n.signed_at IS NOT NULL));
    PERFORM wf_recompute_activity(ARRAY(
      SELECT DISTINCT ROW(n.organization_id, n.site_id, n.author_id, n.patient_id, NULL::date)::wf_activity_day
      FROM unnest(removed) n WHERE n.signed_at IS NOT NULL));
  END
  $$;

-- Statement-level triggers with transition tables: one call per statement, however many rows (the seed
-- inserts 100,000 per statement). Deletes are not covered: neither table grants DELETE to the app, and an
-- owner who deletes rows runs wf_rebuild_rollups() afterwards.
CREATE FUNCTION wf_appointments_inserted() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ BEGIN PERFORM wf_apply_appointment_changes(ARRAY(SELECT ROW(r.*)::pm_appointments FROM new_rows r), '{}'::pm_appointments[]); RETURN NULL; END $$;
CREATE FUNCTION wf_appointments_updated() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ BEGIN PERFORM wf_apply_appointment_changes(ARRAY(SELECT ROW(r.*)::pm_appointments FROM new_rows r), ARRAY(SELECT ROW(r.*)::pm_appointments FROM old_rows r)); RETURN NULL; END $$;
CREATE FUNCTION wf_notes_inserted() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ BEGIN PERFORM wf_apply_note_changes(ARRAY(SELECT ROW(r.*)::cl_progress_notes FROM new_rows r), '{}'::cl_progress_notes[]); RETURN NULL; END $$;
CREATE FUNCTION wf_notes_updated() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ BEGIN PERFORM wf_apply_note_changes(ARRAY(SELECT ROW(r.*)::cl_progress_notes FROM new_rows r), ARRAY(SELECT ROW(r.*)::cl_progress_notes FROM old_rows r)); RETURN NULL; END $$;

CREATE TRIGGER wf_rollup_insert AFTER INSERT ON pm_appointments REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION wf_appointments_inserted();
CREATE TRIGGER wf_rollup_update AFTER UPDATE ON pm_appointments REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION wf_appointments_updated();
CREATE TRIGGER wf_rollup_insert AFTER INSERT ON cl_progress_notes REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION wf_notes_inserted();
CREATE TRIGGER wf_rollup_update AFTER UPDATE ON cl_progress_notes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION wf_notes_updated();

-- Rebuilds every rollup from the base tables (owner only; for repairs and after bulk deletes).
CREATE FUNCTION wf_rebuild_rollups() RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    DELETE FROM wf_appointment_rollup;
    DELETE FROM wf_note_rollup;
    DELETE FROM wf_provider_patient_activity;
    PERFORM wf_apply_appointment_changes(ARRAY(SELECT a FROM pm_appointments a), '{}'::pm_appointments[]);
    PERFORM wf_apply_note_changes(ARRAY(SELECT n FROM cl_progress_notes n), '{}'::cl_progress_notes[]);
  END
  $$;

REVOKE EXECUTE ON FUNCTION wf_day_bit(date), wf_add_activity(wf_activity_day[]), wf_recompute_activity(wf_activity_day[]),
  wf_apply_appointment_changes(pm_appointments[], pm_appointments[]), wf_apply_note_changes(cl_progress_notes[], cl_progress_notes[]),
  wf_appointments_inserted(), wf_appointments_updated(), wf_notes_inserted(), wf_notes_updated(), wf_rebuild_rollups() FROM PUBLIC;

-- Row-level security like every tenant table (the coverage test insists); the app role has no grant at all:
-- only the SECURITY DEFINER functions above (owned by the BYPASSRLS owner) touch these tables.
ALTER TABLE wf_appointment_rollup ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON wf_appointment_rollup FOR ALL
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())));
ALTER TABLE wf_note_rollup ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON wf_note_rollup FOR ALL
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())));
ALTER TABLE wf_provider_patient_activity ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON wf_provider_patient_activity FOR ALL
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())));
