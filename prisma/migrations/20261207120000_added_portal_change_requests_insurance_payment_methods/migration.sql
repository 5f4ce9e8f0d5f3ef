-- CreateTable
CREATE TABLE "po_change_requests" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "shared_with_clinician" BOOLEAN NOT NULL DEFAULT true,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "requested_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "review_started_at" TIMESTAMPTZ(6),
    "review_started_by" UUID,
    "decided_at" TIMESTAMPTZ(6),
    "decided_by" UUID,
    "new_therapist_id" UUID,
    "denial_reason" TEXT,

    CONSTRAINT "po_change_requests_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "po_insurance_cards" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "payer_name" TEXT NOT NULL,
    "member_id" TEXT NOT NULL,
    "group_number" TEXT,
    "front_file_id" UUID NOT NULL,
    "back_file_id" UUID,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "po_insurance_cards_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "po_payment_methods" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "processor" TEXT NOT NULL,
    "processor_token" TEXT NOT NULL,
    "brand" TEXT NOT NULL,
    "last4" TEXT NOT NULL,
    "exp_month" INTEGER NOT NULL,
    "exp_year" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "po_payment_methods_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateIndex
CREATE INDEX "po_change_requests_organization_id_status_requested_at_idx" ON "po_change_requests"("organization_id", "status", "requested_at");

-- CreateIndex
CREATE INDEX "po_change_requests_organization_id_patient_id_idx" ON "po_change_requests"("organization_id", "patient_id");

-- CreateIndex
CREATE INDEX "po_insurance_cards_organization_id_patient_id_idx" ON "po_insurance_cards"("organization_id", "patient_id");

-- CreateIndex
CREATE INDEX "po_payment_methods_organization_id_patient_id_idx" ON "po_payment_methods"("organization_id", "patient_id");

-- =========================================================================================================
-- Issue 19 items 5 and 6 (libs/portal/README.md "Change requests, insurance cards and payment methods"). Raw SQL:
-- policies, functions, triggers, grants and checks are beyond Prisma's schema language.
-- =========================================================================================================

-- Therapist change requests (scenario 5). The foundation's shapes: the client submits ('client'); the read rule is
-- po_row_visible with the sharing flag, whose false is the seed's isSensitive, so a sensitive request is hidden
-- from the current primary therapist by the database, whoever asks and however; portal admins see all. Only
-- portal admins move a request (the guard below narrows the policy's 'staff', which a primary therapist passes).
ALTER TABLE po_change_requests ADD CONSTRAINT po_change_requests_status CHECK (status IN ('pending', 'under_review', 'approved', 'denied'));
-- One open request per client: a second one while the first is pending or under review is a 409.
CREATE UNIQUE INDEX po_change_requests_one_open ON po_change_requests (organization_id, patient_id) WHERE status IN ('pending', 'under_review');
ALTER TABLE po_change_requests ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_read ON po_change_requests FOR SELECT USING (po_row_visible(organization_id, patient_id, shared_with_clinician));
CREATE POLICY portal_write ON po_change_requests FOR INSERT WITH CHECK (po_row_writable(organization_id, patient_id, 'client'));
CREATE POLICY portal_update ON po_change_requests FOR UPDATE
  USING (po_row_writable(organization_id, patient_id, 'staff')) WITH CHECK (po_row_writable(organization_id, patient_id, 'staff'));
GRANT SELECT, INSERT ON po_change_requests TO cairn_app;
GRANT UPDATE (status, review_started_at, review_started_by, decided_at, decided_by, new_therapist_id, denial_reason) ON po_change_requests TO cairn_app;

-- A request is moved by a portal admin only, one step of pending -> under_review -> approved | denied at a time
-- (the handlers answer 409 first; this is the backstop for any other path, e.g. a primary therapist's transaction).
CREATE FUNCTION po_change_requests_guard() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp
  AS $$
  BEGIN
    IF NOT pf_ctx_has_permission('portal.admin') THEN
      RAISE EXCEPTION 'only a portal admin may move a therapist change request' USING ERRCODE = '42501';
    END IF;
    IF NEW.status IS DISTINCT FROM OLD.status AND NOT (
         (OLD.status = 'pending' AND NEW.status = 'under_review')
         OR (OLD.status = 'under_review' AND NEW.status IN ('approved', 'denied'))) THEN
      RAISE EXCEPTION 'a change request cannot move from % to %', OLD.status, NEW.status USING ERRCODE = '23514';
    END IF;
    RETURN NEW;
  END
  $$;
CREATE TRIGGER po_change_requests_guard BEFORE UPDATE ON po_change_requests FOR EACH ROW EXECUTE FUNCTION po_change_requests_guard();

-- Insurance cards and payment methods are billing data, not clinical: the read rule is the foundation's with the
-- sharing flag false (the client and portal admins, never the therapist as such), widened by the one new subject
-- these tables need: billing staff (portal.billing.view) for the patients in their CL scope whose chart's consent
-- check passes, exactly as po_staff_may_see_patient decides it for clinical staff.
CREATE FUNCTION po_billing_visible(p_org uuid, p_patient uuid) RETURNS boolean
  LANGUAGE sql STABLE
  AS $$
    SELECT p_org = pf_ctx_org() AND po_staff_may_see_patient(p_patient) AND (SELECT pf_ctx_has_permission('portal.billing.view'))
  $$;

ALTER TABLE po_insurance_cards ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_read ON po_insurance_cards FOR SELECT
  USING (po_row_visible(organization_id, patient_id, false) OR po_billing_visible(organization_id, patient_id));
CREATE POLICY portal_write ON po_insurance_cards FOR INSERT WITH CHECK (po_row_writable(organization_id, patient_id, 'client'));
GRANT SELECT, INSERT ON po_insurance_cards TO cairn_app;

ALTER TABLE po_payment_methods ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_read ON po_payment_methods FOR SELECT
  USING (po_row_visible(organization_id, patient_id, false) OR po_billing_visible(organization_id, patient_id));
CREATE POLICY portal_write ON po_payment_methods FOR INSERT WITH CHECK (po_row_writable(organization_id, patient_id, 'client'));
GRANT SELECT, INSERT ON po_payment_methods TO cairn_app;
-- What a tokenised card may be: the last four digits, a real month, a four-digit year; a token that is not a
-- bare digit run (a PAN pasted as the token). The API refuses first (400 naming the field); this is the backstop.
ALTER TABLE po_payment_methods ADD CONSTRAINT po_payment_methods_last4 CHECK (last4 ~ '^[0-9]{4}$');
ALTER TABLE po_payment_methods ADD CONSTRAINT po_payment_methods_expiry CHECK (exp_month BETWEEN 1 AND 12 AND exp_year BETWEEN 2000 AND 2100);
ALTER TABLE po_payment_methods ADD CONSTRAINT po_payment_methods_token CHECK (processor_token !~ '^[0-9 -]+$');

-- The card's images: billing staff read the files attached to a card (owner_kind 'insurance_card'), which the
-- foundation's file rule would not show them; a further SELECT policy (policies are OR-ed), nothing else widened.
CREATE POLICY portal_billing_read ON po_files FOR SELECT
  USING (owner_kind = 'insurance_card' AND po_billing_visible(organization_id, patient_id));

-- Permission key (also in libs/platform/tenancy/src/permissions.ts).
INSERT INTO pf_permissions (key, description) VALUES
  ('portal.billing.view', 'Read the insurance cards and tokenised payment methods clients entered in the portal');
INSERT INTO pf_role_permissions (role_key, permission_key) VALUES
  ('billing_coordinator', 'portal.billing.view'), ('front_desk', 'portal.billing.view'), ('practice_manager', 'portal.billing.view'),
  ('owner', 'portal.billing.view'), ('admin', 'portal.billing.view');
