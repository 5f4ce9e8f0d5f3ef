-- Charts and care-team rows are visible exactly when their patient is. Their policies asked it with
-- EXISTS (SELECT 1 FROM cl_patients p WHERE p.organization_id = ... AND p.id = ...), which the planner turns into a
-- hashed subplan: to read one chart it read every patient of the organization the caller can see, and built a hash
-- of them (EXPLAIN of the audited patient read: a Bitmap Heap Scan of all the organization's visible patients), so
-- the cost of a point read grew with the practice (issue 22, docs/performance/api-read.md).
--
-- cl_patient_visible asks the same question for one patient by its primary key. It is plpgsql, so the planner
-- cannot inline it back into a hashed subplan, and it runs as the caller (not SECURITY DEFINER), so cl_patients'
-- own policy still decides what "visible" means. The WITH CHECK clauses keep the registration exception of
-- migration 20261205110000 unchanged.
CREATE FUNCTION cl_patient_visible(p_org uuid, p_patient uuid) RETURNS boolean
  LANGUAGE plpgsql STABLE
  AS $$
  BEGIN
    RETURN EXISTS (SELECT 1 FROM cl_patients p WHERE p.organization_id = p_org AND p.id = p_patient);
  END
  $$;
REVOKE EXECUTE ON FUNCTION cl_patient_visible(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cl_patient_visible(uuid, uuid) TO cairn_app;

ALTER POLICY tenant_scope ON cl_charts
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org()))
         AND cl_patient_visible(organization_id, patient_id))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org()))
              AND (cl_patient_visible(organization_id, patient_id)
                   OR cl_patient_registered_in_this_transaction(organization_id, patient_id)));

ALTER POLICY tenant_scope ON cl_care_team_assignments
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org()))
         AND cl_patient_visible(organization_id, patient_id))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org()))
              AND (cl_patient_visible(organization_id, patient_id)
                   OR cl_patient_registered_in_this_transaction(organization_id, patient_id)));
