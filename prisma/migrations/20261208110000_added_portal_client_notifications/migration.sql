-- Issue 20: client notifications. What is new for the client (homework assigned or reviewed, a recommended resource,
-- a shared session summary, an audio message, a session review to answer, a decided change request, a prompt or
-- check-in), written in the transaction of the use case that made the record, with its own read state. A table, not
-- a feed derived from the record tables: read state needs a row anyway, the unread count is one index scan instead
-- of a scan of eight tables per request, and a record's later changes do not rewrite what the client was told.
-- Ids and a kind only: the words are the API's, and never carry clinical content.

-- CreateTable
CREATE TABLE "po_client_notifications" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "record_kind" TEXT NOT NULL,
    "record_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_at" TIMESTAMPTZ(6),

    CONSTRAINT "po_client_notifications_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateIndex
CREATE INDEX "po_client_notifications_patient_created_idx" ON "po_client_notifications"("organization_id", "patient_id", "created_at");

-- The kinds the API knows how to word and link (libs/portal/src/notifications/domain/client-notification.rules.ts).
ALTER TABLE po_client_notifications ADD CONSTRAINT po_client_notifications_kind_check CHECK (kind IN (
  'homework.assigned', 'homework.reviewed', 'resource.recommended', 'session_summary.shared', 'audio_message.received',
  'session_review.requested', 'change_request.approved', 'change_request.denied', 'prompt.received'));

-- Row-level security, the foundation's shapes (ADR 0015): the client's own feed, so the read rule is the shared flag
-- false (the client and portal admins; never the therapist as such); written by staff (the current primary therapist
-- or a portal admin: the writers of the records it points to) and by the system's SECURITY DEFINER prompt below;
-- only the client marks it read, and only read_at can change (column grant).
ALTER TABLE po_client_notifications ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_read ON po_client_notifications FOR SELECT USING (po_row_visible(organization_id, patient_id, false));
CREATE POLICY portal_write ON po_client_notifications FOR INSERT WITH CHECK (po_row_writable(organization_id, patient_id, 'staff'));
CREATE POLICY portal_mark_read ON po_client_notifications FOR UPDATE
  USING (po_row_writable(organization_id, patient_id, 'client')) WITH CHECK (po_row_writable(organization_id, patient_id, 'client'));
GRANT SELECT, INSERT ON po_client_notifications TO cairn_app;
GRANT UPDATE (read_at) ON po_client_notifications TO cairn_app;

-- The session review prompt (made by the system's delayed job) tells the client in the same statement's transaction:
-- the function is the only writer of the review, so it is the only place that knows a new one exists.
CREATE OR REPLACE FUNCTION po_session_review_prompt(p_id uuid, p_patient uuid, p_appointment uuid, p_clinician uuid, p_start_at timestamptz)
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
      IF v_id IS NOT NULL THEN
        INSERT INTO po_client_notifications (organization_id, id, patient_id, kind, record_kind, record_id)
        VALUES (pf_ctx_org(), gen_random_uuid(), p_patient, 'session_review.requested', 'session_review', v_id);
      END IF;
      RETURN v_id;
    END
  $$;
