-- Client portal, part 2: the session loop (issue 19): session reviews (scenario 4), pre-session prep (seed §2.C)
-- and session summaries. Every table has organization_id and patient_id and one of the foundation's policy shapes
-- (20261206150000_added_portal_foundation); no new rule.

-- CreateTable
CREATE TABLE "po_session_reviews" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "appointment_id" UUID NOT NULL,
    "clinician_id" UUID NOT NULL,
    "appointment_start_at" TIMESTAMPTZ(6) NOT NULL,
    "prompted_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "rating" INTEGER,
    "feedback" TEXT,
    "shared_with_clinician" BOOLEAN NOT NULL DEFAULT false,
    "anonymous" BOOLEAN NOT NULL DEFAULT false,
    "submitted_at" TIMESTAMPTZ(6),

    CONSTRAINT "po_session_reviews_pkey" PRIMARY KEY ("organization_id","id"),
    CONSTRAINT "po_session_reviews_rating" CHECK (rating BETWEEN 1 AND 5),
    CONSTRAINT "po_session_reviews_state" CHECK (
      (status = 'pending' AND rating IS NULL AND submitted_at IS NULL AND feedback IS NULL)
      OR (status = 'submitted' AND rating IS NOT NULL AND submitted_at IS NOT NULL)),
    CONSTRAINT "po_session_reviews_feedback_length" CHECK (char_length(feedback) <= 2000)
);

-- CreateTable
CREATE TABLE "po_session_preps" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "appointment_id" UUID NOT NULL,
    "appointment_start_at" TIMESTAMPTZ(6) NOT NULL,
    "topics" TEXT[],
    "recent_feelings" TEXT,
    "urgent_concern" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "po_session_preps_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "po_session_summaries" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "appointment_id" UUID NOT NULL,
    "appointment_start_at" TIMESTAMPTZ(6) NOT NULL,
    "clinician_name" TEXT,
    "summary" TEXT NOT NULL,
    "shared_by" UUID NOT NULL,
    "shared_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "po_session_summaries_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "po_session_reviews_organization_id_appointment_id_key" ON "po_session_reviews"("organization_id", "appointment_id");
CREATE INDEX "po_session_reviews_organization_id_patient_id_prompted_at_idx" ON "po_session_reviews"("organization_id", "patient_id", "prompted_at");
CREATE INDEX "po_session_reviews_organization_id_clinician_id_submitted_a_idx" ON "po_session_reviews"("organization_id", "clinician_id", "submitted_at");
CREATE UNIQUE INDEX "po_session_preps_organization_id_appointment_id_key" ON "po_session_preps"("organization_id", "appointment_id");
CREATE INDEX "po_session_preps_organization_id_patient_id_appointment_sta_idx" ON "po_session_preps"("organization_id", "patient_id", "appointment_start_at");
CREATE UNIQUE INDEX "po_session_summaries_organization_id_appointment_id_key" ON "po_session_summaries"("organization_id", "appointment_id");
CREATE INDEX "po_session_summaries_organization_id_patient_id_appointment_idx" ON "po_session_summaries"("organization_id", "patient_id", "appointment_start_at");

-- Session reviews. Read: the client's own; the current primary therapist only a review the client shared and did not
-- make anonymous; portal admins all (the foundation's read shape, with the sharing flag narrowed by anonymity).
ALTER TABLE po_session_reviews ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_read ON po_session_reviews FOR SELECT
  USING (po_row_visible(organization_id, patient_id, shared_with_clinician AND NOT anonymous));
-- Only the client answers the prompt, and only its answer's columns (column grants); the guard below keeps it to
-- the one move pending -> submitted, so a second answer is refused by the database too.
CREATE POLICY portal_update ON po_session_reviews FOR UPDATE
  USING (po_row_writable(organization_id, patient_id, 'client')) WITH CHECK (po_row_writable(organization_id, patient_id, 'client'));
GRANT SELECT ON po_session_reviews TO cairn_app;
GRANT UPDATE (status, rating, feedback, shared_with_clinician, anonymous, submitted_at) ON po_session_reviews TO cairn_app;

CREATE FUNCTION po_session_review_guard() RETURNS trigger
  LANGUAGE plpgsql
  AS $$
    BEGIN
      IF OLD.status <> 'pending' OR NEW.status <> 'submitted' THEN
        RAISE EXCEPTION 'a session review is answered once (pending -> submitted)' USING ERRCODE = 'check_violation';
      END IF;
      RETURN NEW;
    END
  $$;
CREATE TRIGGER po_session_review_guard BEFORE UPDATE ON po_session_reviews FOR EACH ROW EXECUTE FUNCTION po_session_review_guard();

-- The prompt: made by the delayed job of the session-reviews worker, as the system of the appointment's
-- organization (no staff user, no client), once per appointment however often it runs (the unique key). The app
-- role has no INSERT on the table: this function is the only way a review row comes to exist. Returns the new
-- row's id, or NULL when the appointment was prompted already.
CREATE FUNCTION po_session_review_prompt(p_id uuid, p_patient uuid, p_appointment uuid, p_clinician uuid, p_start_at timestamptz)
  RETURNS uuid
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    DECLARE v_id uuid;
    BEGIN
      IF NOT pf_ctx_is_system() THEN
        RAISE EXCEPTION 'po_session_review_prompt is for the system context only' USING ERRCODE = 'insufficient_privilege';
      END IF;
      INSERT INTO po_session_reviews (organization_id, id, patient_id, appointment_id, clinician_id, appointment_start_at)
      VALUES (pf_ctx_org(), p_id, p_patient, p_appointment, p_clinician, p_start_at)
      ON CONFLICT (organization_id, appointment_id) DO NOTHING
      RETURNING id INTO v_id;
      RETURN v_id;
    END
  $$;
REVOKE EXECUTE ON FUNCTION po_session_review_prompt(uuid, uuid, uuid, uuid, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION po_session_review_prompt(uuid, uuid, uuid, uuid, timestamptz) TO cairn_app;

-- The admins' quality view (seed §3.C): every review the caller's policy shows (security_invoker: the row policy
-- above applies), with the patient withheld from an anonymous one. The oversight route reads only this view.
CREATE VIEW po_session_reviews_oversight WITH (security_invoker = true, security_barrier = true) AS
  SELECT organization_id, id, CASE WHEN anonymous THEN NULL ELSE patient_id END AS patient_id, appointment_id, clinician_id,
         appointment_start_at, prompted_at, status, rating, feedback, shared_with_clinician, anonymous, submitted_at
  FROM po_session_reviews;
GRANT SELECT ON po_session_reviews_oversight TO cairn_app;

-- Pre-session prep: written and revised by the client, read by the therapist (shared by nature).
ALTER TABLE po_session_preps ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_read ON po_session_preps FOR SELECT USING (po_row_visible(organization_id, patient_id, true));
CREATE POLICY portal_write ON po_session_preps FOR INSERT WITH CHECK (po_row_writable(organization_id, patient_id, 'client'));
CREATE POLICY portal_update ON po_session_preps FOR UPDATE
  USING (po_row_writable(organization_id, patient_id, 'client')) WITH CHECK (po_row_writable(organization_id, patient_id, 'client'));
GRANT SELECT, INSERT ON po_session_preps TO cairn_app;
GRANT UPDATE (topics, recent_feelings, urgent_concern, updated_at) ON po_session_preps TO cairn_app;

-- Session summaries: shared by the therapist (or a portal admin), read by the client.
ALTER TABLE po_session_summaries ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_read ON po_session_summaries FOR SELECT USING (po_row_visible(organization_id, patient_id, true));
CREATE POLICY portal_write ON po_session_summaries FOR INSERT WITH CHECK (po_row_writable(organization_id, patient_id, 'staff'));
GRANT SELECT, INSERT ON po_session_summaries TO cairn_app;

-- Permission key (also in libs/platform/tenancy/src/permissions.ts). Reading reviews, prep and summaries of one's
-- clients is portal.activity.view; the admins' review list is portal.admin.
INSERT INTO pf_permissions (key, description) VALUES
  ('portal.summaries.manage', 'Share session summaries of completed appointments with one''s clients through the portal');
INSERT INTO pf_role_permissions (role_key, permission_key) VALUES
  ('clinician', 'portal.summaries.manage'), ('supervisor', 'portal.summaries.manage'), ('owner', 'portal.summaries.manage'), ('admin', 'portal.summaries.manage');
