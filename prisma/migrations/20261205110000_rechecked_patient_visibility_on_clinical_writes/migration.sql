-- Writes of patient-scoped clinical rows re-check that the caller can see the patient, by the same rule as reads
-- (docs/adr/0003-rls-and-request-context.md, "Patient scope"). Until now the USING clauses of cl_charts,
-- cl_care_team_assignments, cl_part2_consents and cl_progress_note_addenda followed their patient (or note), but
-- their WITH CHECK held only the organization, and cl_progress_notes' held the note's own site and Part 2 consent
-- but not its patient: only the handlers stopped an INSERT for a patient the caller cannot see (another site, or
-- not on an assigned-only caller's care team), and an UPDATE whose WHERE reads no column (so the SELECT policy is
-- not applied to the new row) could move a visible row to such a patient. An assigned-only clinician could, for
-- instance, put themselves on any patient's care team at their sites with one INSERT and read the record from then on.
--
-- Each WITH CHECK now asks the same EXISTS the USING clause asks, so the subquery runs under cl_patients' policy
-- (site-wide scope over a permitted site, or a current care-team assignment) and, for addenda, under
-- cl_progress_notes' policy (which adds the Part 2 consent for progress notes). ALTER POLICY keeps the USING
-- clauses as they are. Raw SQL: Prisma's schema language cannot express policies or functions.
--
-- cl_patient_registered_in_this_transaction: registering a patient writes the patient, then the chart, then the
-- primary therapist's assignment, in one transaction (RegisterPatientHandler). For an assigned-only caller the new
-- patient is not visible until that assignment exists, and the assignment is itself a care-team row, so the chart
-- and care-team checks also accept a patient the context's user created in the current transaction, at a permitted
-- site. "Current transaction" is the row's xmin: no other transaction's uncommitted row is visible, and a committed
-- patient created earlier by the same user (and no longer on their care team) does not qualify. The app opens no
-- savepoints (a patient inserted under one would carry a subtransaction's xid and not qualify). SECURITY DEFINER
-- (owned by the BYPASSRLS owner) because it must read a patient row the caller cannot see yet.
CREATE FUNCTION cl_patient_registered_in_this_transaction(p_org uuid, p_patient uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT EXISTS (
      SELECT 1 FROM cl_patients p
      WHERE p.organization_id = p_org AND p_org = pf_ctx_org() AND p.id = p_patient
        AND p.created_by = pf_ctx_user() AND pf_ctx_site_allowed(p.site_id)
        AND p.xmin = pg_current_xact_id()::xid)
  $$;
REVOKE EXECUTE ON FUNCTION cl_patient_registered_in_this_transaction(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cl_patient_registered_in_this_transaction(uuid, uuid) TO cairn_app;

-- Charts and care-team rows: their patient is visible, or was registered by the caller in this transaction.
ALTER POLICY tenant_scope ON cl_charts
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org()))
              AND (EXISTS (SELECT 1 FROM cl_patients p WHERE p.organization_id = cl_charts.organization_id AND p.id = cl_charts.patient_id)
                   OR cl_patient_registered_in_this_transaction(organization_id, patient_id)));

ALTER POLICY tenant_scope ON cl_care_team_assignments
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org()))
              AND (EXISTS (SELECT 1 FROM cl_patients p WHERE p.organization_id = cl_care_team_assignments.organization_id AND p.id = cl_care_team_assignments.patient_id)
                   OR cl_patient_registered_in_this_transaction(organization_id, patient_id)));

-- Part 2 consents: the consent's chart is visible (cl_charts' policy follows its patient) and is its patient's
-- chart. The chart is what cl_check_sud_consent looks consents up by, so a consent filed under a visible patient
-- but another patient's chart would grant access to that other record. The app role may update only the
-- revocation columns (column grants), so an UPDATE cannot move a consent; the check covers INSERT.
ALTER POLICY tenant_scope ON cl_part2_consents
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org()))
              AND EXISTS (SELECT 1 FROM cl_charts c WHERE c.organization_id = cl_part2_consents.organization_id AND c.id = cl_part2_consents.chart_id
                                                     AND c.patient_id = cl_part2_consents.patient_id));

-- Progress notes: as before (the note's site permitted, Part 2 consent for progress notes of the chart), and now
-- also a visible patient: a note's site_id is the caller's to choose, the patient's site is not.
ALTER POLICY tenant_scope ON cl_progress_notes
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())) AND pf_ctx_site_allowed(site_id)
              AND EXISTS (SELECT 1 FROM cl_patients p WHERE p.organization_id = cl_progress_notes.organization_id AND p.id = cl_progress_notes.patient_id)
              AND cl_progress_note_consented(organization_id, patient_id));

-- Addenda: their note is visible (cl_progress_notes' policy: the patient, and the Part 2 consent). Insert only
-- (the app role has no UPDATE on addenda).
ALTER POLICY tenant_scope ON cl_progress_note_addenda
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org()))
              AND EXISTS (SELECT 1 FROM cl_progress_notes n WHERE n.organization_id = cl_progress_note_addenda.organization_id AND n.id = cl_progress_note_addenda.note_id));
