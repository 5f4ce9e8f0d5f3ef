-- Attendance corrections (CL-14): a patient added to a DRAFT group session by mistake can be removed before the
-- session is documented (DELETE /api/v1/group-sessions/:id/attendance/:patientId). A draft's roster is not yet a
-- record (nothing was signed, published or generated from it), and keeping a mistaken row would keep a false
-- "this patient attended this group" (for an SUD-program group, a false Part 2 record); the audit row of the
-- removal keeps who removed whom and when. Once documented, the attendance stays locked: the trigger below now
-- refuses a DELETE there too, whoever runs it (even the owner role), as it already refused INSERT and UPDATE.
CREATE OR REPLACE FUNCTION cl_group_attendance_lock() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  BEGIN
    IF TG_OP = 'DELETE' THEN
      IF EXISTS (SELECT 1 FROM cl_group_sessions s WHERE s.organization_id = OLD.organization_id AND s.id = OLD.session_id AND s.status = 'documented') THEN
        RAISE EXCEPTION 'the attendance of group session % is locked', OLD.session_id USING ERRCODE = 'check_violation';
      END IF;
      RETURN OLD;
    END IF;
    IF EXISTS (SELECT 1 FROM cl_group_sessions s WHERE s.organization_id = NEW.organization_id AND s.id = NEW.session_id AND s.status = 'documented')
       OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM cl_group_sessions s WHERE s.organization_id = OLD.organization_id AND s.id = OLD.session_id AND s.status = 'documented')) THEN
      RAISE EXCEPTION 'the attendance of group session % is locked', NEW.session_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END
  $$;
REVOKE EXECUTE ON FUNCTION cl_group_attendance_lock() FROM PUBLIC;
CREATE TRIGGER cl_group_attendance_delete_lock BEFORE DELETE ON cl_group_attendance
  FOR EACH ROW EXECUTE FUNCTION cl_group_attendance_lock();

-- The app role may delete attendance rows; the table's FOR ALL policy (organization, permitted site, patient
-- visible to the caller) applies to DELETE as it does to reads, so a row the caller cannot see cannot be removed.
GRANT DELETE ON cl_group_attendance TO cairn_app;
