-- Charge lifecycle (issue 15, ADR 0011): a charge is never deleted and never edited in place. It moves only
-- on_hold -> voided, ready -> voided, ready -> billed; a correction (or a re-pricing once a fee schedule entry
-- exists) is a NEW charge of the same source, one step further along its lineage, pointing at the voided one.

ALTER TABLE "pm_charges"
  ADD COLUMN "source_round" INTEGER NOT NULL DEFAULT 1,
  ADD COLUMN "lineage_seq" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "corrects_charge_id" UUID,
  ADD COLUMN "correction_reason" TEXT,
  ADD COLUMN "created_by" UUID,
  ADD COLUMN "voided_at" TIMESTAMPTZ(6),
  ADD COLUMN "voided_by" UUID,
  ADD COLUMN "void_reason" TEXT,
  ADD COLUMN "billed_at" TIMESTAMPTZ(6),
  ADD COLUMN "billed_by" UUID;

-- Insert-once now keys on the review round and the lineage step too. A source's review round starts at 1 and grows
-- each time its review is reopened (CL's generation row says which round an approval belongs to), so a re-approval
-- is charged again while a replayed approval of an earlier round finds its charge, voided or not, and adds nothing.
-- The first charge of a round is step 0; a correction is the step after the charge it corrects, so two concurrent
-- corrections of one charge collide here and only one is written.
DROP INDEX "pm_charges_source_key";
CREATE UNIQUE INDEX "pm_charges_source_key" ON "pm_charges"("organization_id", "source_type", "source_id", "source_round", "lineage_seq");
CREATE UNIQUE INDEX "pm_charges_corrects_key" ON "pm_charges"("organization_id", "corrects_charge_id");

-- ---------------------------------------------------------------------------------------------------------
-- Raw SQL below: checks and triggers Prisma's schema language cannot express.
ALTER TABLE pm_charges DROP CONSTRAINT pm_charges_status_check;
ALTER TABLE pm_charges
  ADD CONSTRAINT pm_charges_status_check CHECK (
    (status IN ('ready', 'billed') AND hold_reason IS NULL AND final_code IS NOT NULL AND units > 0 AND amount_cents IS NOT NULL)
    OR (status = 'on_hold' AND hold_reason IN ('no_fee_schedule_entry', 'zero_units', 'invalid_duration', 'future_service_date'))
    OR (status = 'voided')),
  ADD CONSTRAINT pm_charges_voided_check CHECK (
    (status = 'voided') = (voided_at IS NOT NULL)
    AND (voided_at IS NULL) = (void_reason IS NULL)
    AND (void_reason IS NULL OR void_reason IN ('voided', 'corrected', 'repriced', 'reopened'))),
  ADD CONSTRAINT pm_charges_billed_check CHECK ((billed_at IS NULL) = (billed_by IS NULL)
    AND (status <> 'billed' OR billed_at IS NOT NULL)),
  ADD CONSTRAINT pm_charges_round_check CHECK (source_round >= 1),
  ADD CONSTRAINT pm_charges_correction_check CHECK (
    (corrects_charge_id IS NULL AND correction_reason IS NULL AND lineage_seq = 0)
    OR (corrects_charge_id IS NOT NULL AND correction_reason IN ('corrected', 'repriced') AND lineage_seq > 0));

-- The database enforces the lifecycle, whatever the caller: an UPDATE may change only the status and the columns
-- that record its transition, along an allowed transition; nothing is deleted. A correction must follow a voided
-- charge of the same source, exactly one lineage step further.
CREATE FUNCTION pm_charges_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = public, pg_temp AS $$
DECLARE
  transition_columns CONSTANT text[] := ARRAY['status', 'voided_at', 'voided_by', 'void_reason', 'billed_at', 'billed_by'];
  corrected pm_charges;
BEGIN
  IF TG_OP = 'DELETE' THEN
    RAISE EXCEPTION 'pm_charges rows are never deleted (void the charge instead)' USING ERRCODE = 'restrict_violation';
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.corrects_charge_id IS NOT NULL THEN
      SELECT * INTO corrected FROM pm_charges WHERE organization_id = NEW.organization_id AND id = NEW.corrects_charge_id;
      IF NOT FOUND OR corrected.status <> 'voided' OR corrected.source_type <> NEW.source_type
         OR corrected.source_id <> NEW.source_id OR corrected.source_round <> NEW.source_round
         OR NEW.lineage_seq <> corrected.lineage_seq + 1 THEN
        RAISE EXCEPTION 'a correcting charge follows a voided charge of the same source, one lineage step later'
          USING ERRCODE = 'check_violation';
      END IF;
    END IF;
    RETURN NEW;
  END IF;
  IF (to_jsonb(NEW) - transition_columns) IS DISTINCT FROM (to_jsonb(OLD) - transition_columns) THEN
    RAISE EXCEPTION 'pm_charges: only the status changes (a correction is a new charge)' USING ERRCODE = 'check_violation';
  END IF;
  IF NOT (
       (OLD.status IN ('ready', 'on_hold') AND NEW.status = 'voided'
         AND NEW.billed_at IS NOT DISTINCT FROM OLD.billed_at AND NEW.billed_by IS NOT DISTINCT FROM OLD.billed_by)
    OR (OLD.status = 'ready' AND NEW.status = 'billed' AND NEW.voided_at IS NULL)
  ) THEN
    RAISE EXCEPTION 'pm_charges: % -> % is not an allowed transition', OLD.status, NEW.status USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION pm_charges_guard() FROM PUBLIC;

CREATE TRIGGER pm_charges_guard BEFORE INSERT OR UPDATE OR DELETE ON pm_charges
  FOR EACH ROW EXECUTE FUNCTION pm_charges_guard();

-- The app role changes only the transition columns (column grants), and never deletes.
GRANT UPDATE (status, voided_at, voided_by, void_reason, billed_at, billed_by) ON pm_charges TO cairn_app;

INSERT INTO pf_permissions (key, description) VALUES
  ('pm.charges.void', 'Void a charge, or void it and record its correction'),
  ('pm.charges.bill', 'Mark ready charges as billed');
INSERT INTO pf_role_permissions (role_key, permission_key) VALUES
  ('billing_coordinator', 'pm.charges.void'), ('owner', 'pm.charges.void'), ('admin', 'pm.charges.void'),
  ('billing_coordinator', 'pm.charges.bill'), ('owner', 'pm.charges.bill'), ('admin', 'pm.charges.bill');
