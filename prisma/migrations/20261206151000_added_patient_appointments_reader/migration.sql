-- A patient's appointments for other contexts (ListPatientAppointmentsQuery, @cairn/platform/scheduling; issue 18:
-- the portal's upcoming appointments and the mood/attendance correlation). Raw SQL: a function.

-- The patient of a portal client's transaction, for any context's SQL: the platform's view of the portal subject
-- (ADR 0015). NULL in every staff and system transaction.
CREATE FUNCTION pf_ctx_portal_patient() RETURNS uuid LANGUAGE sql STABLE
  AS $$ SELECT po_ctx_client_patient() $$;
GRANT EXECUTE ON FUNCTION pf_ctx_portal_patient() TO cairn_app;

-- PM's answer: the appointments of one patient in a period, with the provider's and site's names. Two callers:
-- staff, under the same rule as pm_appointments' policy (the organization, a permitted site); and the patient's own
-- portal client (pm_appointments' policy admits no portal transaction; this function admits exactly its patient).
-- SECURITY DEFINER to read the staff and site names and to serve the portal client.
CREATE FUNCTION pm_patient_appointments(p_patient uuid, p_from timestamptz, p_to timestamptz)
  RETURNS TABLE (id uuid, start_at timestamptz, end_at timestamptz, status text, service_type text, provider_id uuid,
                 provider_name text, site_id uuid, site_name text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT a.id, a.start_at, a.end_at, a.status, a.service_type, a.provider_id, u.display_name, a.site_id, s.name
    FROM pm_appointments a
    JOIN pf_sites s ON s.organization_id = a.organization_id AND s.id = a.site_id
    LEFT JOIN pf_staff_users u ON u.id = a.provider_id
    WHERE a.organization_id = pf_ctx_org() AND a.patient_id = p_patient
      AND a.start_at >= p_from AND a.start_at < p_to
      AND (p_patient = pf_ctx_portal_patient()
           OR (pf_ctx_patient_scope() IS DISTINCT FROM 'portal' AND pf_has_org_access(pf_ctx_org()) AND pf_ctx_site_allowed(a.site_id)))
    ORDER BY a.start_at
    LIMIT 1000
  $$;
REVOKE EXECUTE ON FUNCTION pm_patient_appointments(uuid, timestamptz, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pm_patient_appointments(uuid, timestamptz, timestamptz) TO cairn_app;
