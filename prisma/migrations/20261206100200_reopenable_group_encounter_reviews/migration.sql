-- Reopening a review decision (issue 15, ADR 0011): an approved or rejected group encounter generation may go back
-- to pending review before its charge is billed. PM voids the charge in the same transaction (through the platform
-- command VoidChargeOfSourceCommand; CL never touches PM's tables). review_round counts the decisions: a
-- re-approval is charged under the new round, so a replayed approval of an earlier round adds nothing.

ALTER TABLE "cl_group_encounter_generations"
  ADD COLUMN "review_round" INTEGER NOT NULL DEFAULT 1,
  ADD COLUMN "reopened_at" TIMESTAMPTZ(6),
  ADD COLUMN "reopened_by" UUID;

-- ---------------------------------------------------------------------------------------------------------
-- Raw SQL below: the trigger replaces "a decision is final" by "a decision changes only by being reopened".
ALTER TABLE cl_group_encounter_generations
  ADD CONSTRAINT cl_group_encounter_generations_round_check CHECK (review_round >= 1),
  ADD CONSTRAINT cl_group_encounter_generations_reopened_check CHECK ((reopened_at IS NULL) = (reopened_by IS NULL));

-- A decided row changes only back to pending_review: its decision columns cleared, the round one more, who and when
-- recorded, every other column as it was. Absent (not_generated) rows never change.
CREATE OR REPLACE FUNCTION cl_group_encounter_generation_guard() RETURNS trigger LANGUAGE plpgsql
  SET search_path = public, pg_temp
  AS $$
  DECLARE
    reopen_columns CONSTANT text[] := ARRAY['status', 'reviewed_by', 'reviewed_at', 'rejection_reason', 'approval_id',
      'review_round', 'reopened_at', 'reopened_by', 'version', 'updated_at'];
  BEGIN
    IF OLD.status = 'pending_review' THEN
      RETURN NEW;
    END IF;
    IF OLD.status IN ('approved', 'rejected') AND NEW.status = 'pending_review'
       AND NEW.reviewed_by IS NULL AND NEW.reviewed_at IS NULL AND NEW.rejection_reason IS NULL AND NEW.approval_id IS NULL
       AND NEW.review_round = OLD.review_round + 1 AND NEW.reopened_at IS NOT NULL AND NEW.reopened_by IS NOT NULL
       AND (to_jsonb(NEW) - reopen_columns) = (to_jsonb(OLD) - reopen_columns) THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'a % group encounter generation cannot change (only reopen it)', OLD.status USING ERRCODE = 'check_violation';
  END
  $$;

INSERT INTO pf_permissions (key, description) VALUES
  ('cl.group-encounter-generation.reopen', 'Reopen an approved or rejected group encounter generation (voiding its unbilled charge)');
INSERT INTO pf_role_permissions (role_key, permission_key) VALUES
  ('supervisor', 'cl.group-encounter-generation.reopen'), ('billing_coordinator', 'cl.group-encounter-generation.reopen'),
  ('owner', 'cl.group-encounter-generation.reopen'), ('admin', 'cl.group-encounter-generation.reopen');
