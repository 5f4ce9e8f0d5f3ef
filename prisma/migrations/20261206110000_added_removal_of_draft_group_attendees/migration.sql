-- AlterTable
ALTER TABLE "cl_group_attendance" ADD COLUMN     "removed_at" TIMESTAMPTZ(6),
ADD COLUMN     "removed_by" UUID;

-- Attendance corrections (CL-14): a patient recorded on a DRAFT group session by mistake can be removed before the
-- session is documented (DELETE /api/v1/group-sessions/:id/attendance/:patientId). The row is kept and marked
-- removed (who, when), never deleted: the app role has no DELETE anywhere (row-level-security.int-spec), and the
-- mark is the trace of the correction beside its audit row. A removed row is on no roster: the session read, the
-- documented event, the attendee count below, and so generation, encounters and charges, all leave it out.
-- Recording the patient again clears the mark. Once the session is documented the existing lock trigger refuses
-- any UPDATE of its attendance, so a removal can no longer happen, whoever tries.
ALTER TABLE cl_group_attendance
  ADD CONSTRAINT cl_group_attendance_removed_check CHECK ((removed_at IS NULL) = (removed_by IS NULL));

-- The whole roster's size for documenting (a signer must see every attendee): removed rows are not on it.
CREATE OR REPLACE FUNCTION cl_group_session_attendee_count(p_session uuid) RETURNS integer
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT count(*)::int FROM cl_group_attendance a
        WHERE a.organization_id = pf_ctx_org() AND a.session_id = p_session AND a.removed_at IS NULL $$;
REVOKE EXECUTE ON FUNCTION cl_group_session_attendee_count(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cl_group_session_attendee_count(uuid) TO cairn_app;
