-- Deleting a patient (issue 18 item 5, docs/adr/0018-deleting-a-patient-erases-the-portal-and-keeps-the-clinical-record.md).
-- Raw SQL only: a permission, a SECURITY DEFINER function and a redefined helper; no table changes.
--
-- Deleting a patient is CL's operation (DELETE /api/v1/patients/:id, patients.delete). In one transaction the portal
-- erases every row and file of the patient (po_erase_patient below, through the platform contract
-- ErasePatientPortalDataCommand) and CL closes the patient (cl_patients.status = 'deleted'); the clinical record is
-- kept for its retention period. If any statement fails, nothing is erased.

INSERT INTO pf_permissions (key, description) VALUES
  ('patients.delete', 'Delete a patient: erase all their client-portal data and close their record (the clinical record is retained)');
INSERT INTO pf_role_permissions (role_key, permission_key) VALUES ('owner', 'patients.delete'), ('admin', 'patients.delete');

-- A deleted patient is outside every staff member's portal scope from the next statement on: no portal row of
-- theirs can be read, written or re-created (no invitation, no homework), so nothing grows back after the erasure.
-- (Clients already lose everything once the patient is not active: cl_patient_is_active.) Same signature and
-- grants as 20261206150000_added_portal_foundation; only the status condition is new.
CREATE OR REPLACE FUNCTION cl_patient_in_scope(p_patient uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT EXISTS (SELECT 1 FROM cl_patients p
                   WHERE p.organization_id = pf_ctx_org() AND p.id = p_patient AND p.status <> 'deleted' AND pf_has_org_access(pf_ctx_org())
                     AND ((pf_ctx_patient_scope() = 'site' AND pf_ctx_site_allowed(p.site_id)) OR p.id = ANY (cl_assigned_patient_ids())))
  $$;

-- Erases every portal row of one patient and answers how many rows of each table it erased ({"po_files": 2, ...}),
-- or NULL when the patient is not in the caller's scope (unknown, another organization's, outside the caller's CL
-- scope, already deleted). Refuses (42501) a caller without patients.delete, a portal client and a context of
-- another organization.
--
-- The tables are discovered, not listed: every po_* table with both organization_id and patient_id columns (the
-- portal's rule for every table, libs/portal/README.md), so a table added later is erased with no change here.
-- Files are rows like any other (po_files holds the bytes). A table that another portal table references by a
-- foreign key is erased after it, so each count is the table's own rows and no ON DELETE action fires first; in a
-- cycle the constraints decide (a deferred one at commit). Any error (a trigger, a constraint) aborts the caller's
-- whole transaction: nothing is erased.
--
-- SECURITY DEFINER (owned by the BYPASSRLS owner): the app role has no DELETE grant on any portal table, and a
-- portal admin without the Part 2 consent of a chart must still be able to erase rows they may not read. The
-- function discloses counts only, never content.
CREATE FUNCTION po_erase_patient(p_org uuid, p_patient uuid) RETURNS jsonb
  LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    v_pending oid[];
    v_table oid;
    v_rows bigint;
    v_counts jsonb := '{}'::jsonb;
  BEGIN
    IF p_org IS NULL OR p_org IS DISTINCT FROM pf_ctx_org() OR pf_ctx_patient_scope() IS NOT DISTINCT FROM 'portal'
       OR NOT pf_has_org_access(p_org) OR NOT pf_ctx_has_permission('patients.delete') THEN
      RAISE EXCEPTION 'erasing a patient''s portal data needs patients.delete in the organization' USING ERRCODE = '42501';
    END IF;
    IF p_patient IS NULL OR NOT cl_patient_in_scope(p_patient) THEN
      RETURN NULL;
    END IF;

    SELECT coalesce(array_agg(c.oid ORDER BY c.relname), '{}') INTO v_pending
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname LIKE 'po\_%'
      AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'organization_id' AND a.attnum > 0 AND NOT a.attisdropped)
      AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'patient_id' AND a.attnum > 0 AND NOT a.attisdropped);

    WHILE cardinality(v_pending) > 0 LOOP
      -- The first pending table (by name) that no other pending table references; in a cycle, the first one.
      SELECT t INTO v_table FROM unnest(v_pending) AS t
      WHERE NOT EXISTS (SELECT 1 FROM pg_constraint k
                        WHERE k.contype = 'f' AND k.confrelid = t AND k.conrelid <> t AND k.conrelid = ANY (v_pending))
      ORDER BY (SELECT relname FROM pg_class WHERE oid = t) LIMIT 1;
      IF v_table IS NULL THEN
        v_table := v_pending[1];
      END IF;
      EXECUTE format('DELETE FROM %s WHERE organization_id = $1 AND patient_id = $2', v_table::regclass) USING p_org, p_patient;
      GET DIAGNOSTICS v_rows = ROW_COUNT;
      v_counts := v_counts || jsonb_build_object((SELECT relname FROM pg_class WHERE oid = v_table), v_rows);
      v_pending := array_remove(v_pending, v_table);
    END LOOP;
    RETURN v_counts;
  END
  $$;
REVOKE EXECUTE ON FUNCTION po_erase_patient(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION po_erase_patient(uuid, uuid) TO cairn_app;
