-- Progress notes of a 42 CFR Part 2 chart are Part 2 records (record type 'progress_note'): a note is visible
-- only when cl_check_sud_consent allows the context's user to see progress notes of that chart (DEVELOPMENT.md,
-- "Protect a Part 2 record type with consent"). Addenda follow their note (their policy's EXISTS runs under
-- this one). Raw SQL: Prisma cannot express policies or functions.
--
-- cl_progress_note_consented resolves the note's chart (notes carry the patient, consent is per chart) and asks
-- cl_check_sud_consent (created by 20261124120100_...; this migration sorts after it). Evaluated per row, which
-- for notes (read one at a time) is cheap. get_provider_productivity reads notes as the owner and is unaffected:
-- it returns only aggregates.
CREATE FUNCTION cl_progress_note_consented(p_org uuid, p_patient uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT COALESCE(cl_check_sud_consent(
      (SELECT c.id FROM cl_charts c WHERE c.organization_id = p_org AND c.patient_id = p_patient), 'progress_note', pf_ctx_user()), false)
  $$;
REVOKE EXECUTE ON FUNCTION cl_progress_note_consented(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cl_progress_note_consented(uuid, uuid) TO cairn_app;

DROP POLICY tenant_scope ON cl_progress_notes;
CREATE POLICY tenant_scope ON cl_progress_notes FOR ALL
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org()))
         AND EXISTS (SELECT 1 FROM cl_patients p WHERE p.organization_id = cl_progress_notes.organization_id AND p.id = cl_progress_notes.patient_id)
         AND cl_progress_note_consented(organization_id, patient_id))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())) AND pf_ctx_site_allowed(site_id)
              AND cl_progress_note_consented(organization_id, patient_id));
