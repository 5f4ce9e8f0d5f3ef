-- Data lineage of get_provider_productivity(...): the same figures computed straight from CL's progress notes
-- and PM's appointments, before any privacy rule (no suppression, no small-cell hiding, lag unrounded).
-- Run as the owner (it reads clinical tables: an auditor's query, never HR's). Parameters:
--   $1 organization id, $2 first day, $3 last day (inclusive, organization time zone), $4 site id or NULL.
-- apps/api/test/provider-productivity.e2e-spec.ts ("data lineage") checks the function against it.
WITH org AS (SELECT o.timezone AS tz FROM pf_organizations o WHERE o.id = $1::uuid),
bounds AS (SELECT ($2::date)::timestamp AT TIME ZONE org.tz AS t0, ($3::date + 1)::timestamp AT TIME ZONE org.tz AS t1 FROM org),
appts AS (
  SELECT a.* FROM pm_appointments a, bounds
  WHERE a.organization_id = $1::uuid AND a.start_at >= bounds.t0 AND a.start_at < bounds.t1 AND ($4::uuid IS NULL OR a.site_id = $4::uuid)
),
notes AS (
  SELECT n.*, GREATEST(extract(epoch FROM n.signed_at - n.session_end) / 3600.0, 0) AS lag FROM cl_progress_notes n, bounds
  WHERE n.organization_id = $1::uuid AND n.signed_at >= bounds.t0 AND n.signed_at < bounds.t1 AND ($4::uuid IS NULL OR n.site_id = $4::uuid)
),
activity AS (
  SELECT a.provider_id, a.patient_id FROM appts a WHERE a.status IN ('completed', 'checked_in')
  UNION SELECT n.author_id, n.patient_id FROM notes n
),
providers AS (
  SELECT a.provider_id FROM appts a WHERE a.status IN ('completed', 'checked_in', 'no_show', 'late_cancelled')
  UNION SELECT n.author_id FROM notes n
)
SELECT p.provider_id,
       (SELECT count(*) FROM notes n WHERE n.author_id = p.provider_id)::int AS notes,
       (SELECT avg(n.lag) FROM notes n WHERE n.author_id = p.provider_id)::float8 AS lag_avg,
       (SELECT count(*) FROM notes n WHERE n.author_id = p.provider_id AND n.lag < 24)::int AS lag_under_24h,
       (SELECT count(*) FROM notes n WHERE n.author_id = p.provider_id AND n.lag >= 24 AND n.lag <= 48)::int AS lag_24_to_48h,
       (SELECT count(*) FROM notes n WHERE n.author_id = p.provider_id AND n.lag > 48)::int AS lag_over_48h,
       (SELECT COALESCE(array_agg(x.patient_id::text ORDER BY x.patient_id), '{}') FROM activity x WHERE x.provider_id = p.provider_id) AS patients,
       (SELECT count(*) FROM appts a WHERE a.provider_id = p.provider_id AND a.status = 'no_show')::int AS no_shows,
       (SELECT count(*) FROM appts a WHERE a.provider_id = p.provider_id AND a.status = 'late_cancelled')::int AS late_cancels,
       (SELECT count(*) FROM appts a WHERE a.provider_id = p.provider_id AND a.status IN ('completed', 'checked_in', 'no_show'))::int AS expected,
       (SELECT COALESCE(jsonb_object_agg(c.category, c.n), '{}') FROM (
          SELECT st.category, count(*)::int AS n FROM appts a
          JOIN pm_service_types st ON st.organization_id = a.organization_id AND st.code = a.service_type
          WHERE a.provider_id = p.provider_id AND a.status IN ('completed', 'checked_in') GROUP BY st.category) c) AS categories
FROM providers p
ORDER BY p.provider_id;
