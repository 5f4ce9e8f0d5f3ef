-- Client portal, part 1 (issue 18): therapeutic goals, homework, resources and the crisis toolkit. Every table
-- carries organization_id and patient_id and uses the foundation's relationship-based row rule
-- (po_row_visible / po_row_writable of 20261206150000_added_portal_foundation): the client's own rows, the
-- current primary therapist's (none of these tables has a sharing flag: what the therapist gives and what the
-- client does with it is shared by nature), and portal.admin everything.

-- CreateTable
CREATE TABLE "po_goals" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "target_date" DATE,
    "status" TEXT NOT NULL DEFAULT 'active',
    "progress" INTEGER NOT NULL DEFAULT 0,
    "created_by_kind" TEXT NOT NULL,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "po_goals_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "po_goal_progress" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "goal_id" UUID NOT NULL,
    "progress" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT,
    "author_kind" TEXT NOT NULL,
    "author_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "po_goal_progress_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "po_homework" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "homework_type" TEXT NOT NULL,
    "due_on" DATE NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'assigned',
    "assigned_by" UUID NOT NULL,
    "assigned_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(6),
    "completion_note" TEXT,
    "submission_file_id" UUID,
    "reviewed_at" TIMESTAMPTZ(6),
    "reviewed_by" UUID,
    "feedback" TEXT,
    "cancelled_at" TIMESTAMPTZ(6),
    "cancelled_by" UUID,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "po_homework_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "po_resources" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT,
    "url" TEXT,
    "file_id" UUID,
    "assigned_by" UUID NOT NULL,
    "assigned_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawn_at" TIMESTAMPTZ(6),

    CONSTRAINT "po_resources_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "po_crisis_toolkits" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "coping_steps" TEXT[],
    "contacts" JSONB NOT NULL DEFAULT '[]',
    "updated_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "po_crisis_toolkits_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "po_crisis_toolkit_opens" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "opened_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "alert_id" UUID,

    CONSTRAINT "po_crisis_toolkit_opens_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "po_crisis_alerts" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "first_open_at" TIMESTAMPTZ(6) NOT NULL,
    "raised_at" TIMESTAMPTZ(6) NOT NULL,
    "last_open_at" TIMESTAMPTZ(6) NOT NULL,
    "open_count" INTEGER NOT NULL,
    "acknowledged_at" TIMESTAMPTZ(6),
    "acknowledged_by" UUID,

    CONSTRAINT "po_crisis_alerts_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateIndex
CREATE INDEX "po_goals_organization_id_patient_id_idx" ON "po_goals"("organization_id", "patient_id");

-- CreateIndex
CREATE INDEX "po_goal_progress_organization_id_goal_id_created_at_idx" ON "po_goal_progress"("organization_id", "goal_id", "created_at");

-- CreateIndex
CREATE INDEX "po_homework_organization_id_patient_id_due_on_idx" ON "po_homework"("organization_id", "patient_id", "due_on");

-- CreateIndex
CREATE INDEX "po_resources_organization_id_patient_id_idx" ON "po_resources"("organization_id", "patient_id");

-- CreateIndex
CREATE UNIQUE INDEX "po_crisis_toolkits_organization_id_patient_id_key" ON "po_crisis_toolkits"("organization_id", "patient_id");

-- CreateIndex
CREATE INDEX "po_crisis_toolkit_opens_organization_id_patient_id_opened_a_idx" ON "po_crisis_toolkit_opens"("organization_id", "patient_id", "opened_at");

-- CreateIndex
CREATE INDEX "po_crisis_alerts_organization_id_patient_id_raised_at_idx" ON "po_crisis_alerts"("organization_id", "patient_id", "raised_at");

-- =========================================================================================================
-- Row-level security (raw SQL: Prisma cannot express policies). Who writes what:
-- - goals and their progress updates: both (the seed's goals are "created together");
-- - homework: the therapist assigns, reviews and cancels; the client completes (UPDATE by both);
-- - resources and the crisis toolkit: the therapist;
-- - toolkit opens and crisis alerts: the client's own open raises (or extends) an alert in the client's own
--   transaction; the therapist or an admin acknowledges it (UPDATE by both).
-- No DELETE grant: records end by status; erasing a patient is the foundation's cascade.
-- =========================================================================================================
ALTER TABLE po_goals ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_read ON po_goals FOR SELECT USING (po_row_visible(organization_id, patient_id, true));
CREATE POLICY portal_write ON po_goals FOR INSERT WITH CHECK (po_row_writable(organization_id, patient_id, 'both'));
CREATE POLICY portal_update ON po_goals FOR UPDATE
  USING (po_row_writable(organization_id, patient_id, 'both')) WITH CHECK (po_row_writable(organization_id, patient_id, 'both'));
ALTER TABLE po_goal_progress ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_read ON po_goal_progress FOR SELECT USING (po_row_visible(organization_id, patient_id, true));
CREATE POLICY portal_write ON po_goal_progress FOR INSERT WITH CHECK (po_row_writable(organization_id, patient_id, 'both'));
GRANT SELECT, INSERT, UPDATE ON po_goals TO cairn_app;
GRANT SELECT, INSERT ON po_goal_progress TO cairn_app;

ALTER TABLE po_homework ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_read ON po_homework FOR SELECT USING (po_row_visible(organization_id, patient_id, true));
CREATE POLICY portal_write ON po_homework FOR INSERT WITH CHECK (po_row_writable(organization_id, patient_id, 'staff'));
CREATE POLICY portal_update ON po_homework FOR UPDATE
  USING (po_row_writable(organization_id, patient_id, 'both')) WITH CHECK (po_row_writable(organization_id, patient_id, 'both'));
GRANT SELECT, INSERT, UPDATE ON po_homework TO cairn_app;

-- The client may complete an assignment and nothing else: a portal transaction cannot touch what the therapist
-- wrote (title, due date, feedback, review) nor move the status anywhere but assigned -> completed. The handlers
-- already keep to this; the trigger makes the row policy's 'both' no wider than that.
CREATE FUNCTION po_homework_client_guard() RETURNS trigger
  LANGUAGE plpgsql SET search_path = public, pg_temp
  AS $$
  BEGIN
    IF pf_ctx_patient_scope() = 'portal' AND (
         OLD.status <> 'assigned' OR NEW.status <> 'completed'
         OR NEW.title IS DISTINCT FROM OLD.title OR NEW.description IS DISTINCT FROM OLD.description
         OR NEW.homework_type IS DISTINCT FROM OLD.homework_type OR NEW.due_on IS DISTINCT FROM OLD.due_on
         OR NEW.assigned_by IS DISTINCT FROM OLD.assigned_by OR NEW.assigned_at IS DISTINCT FROM OLD.assigned_at
         OR NEW.reviewed_at IS DISTINCT FROM OLD.reviewed_at OR NEW.reviewed_by IS DISTINCT FROM OLD.reviewed_by
         OR NEW.feedback IS DISTINCT FROM OLD.feedback
         OR NEW.cancelled_at IS DISTINCT FROM OLD.cancelled_at OR NEW.cancelled_by IS DISTINCT FROM OLD.cancelled_by) THEN
      RAISE EXCEPTION 'a portal client may only complete an assigned homework' USING ERRCODE = '42501';
    END IF;
    RETURN NEW;
  END
  $$;
CREATE TRIGGER po_homework_client_guard BEFORE UPDATE ON po_homework FOR EACH ROW EXECUTE FUNCTION po_homework_client_guard();

ALTER TABLE po_resources ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_read ON po_resources FOR SELECT USING (po_row_visible(organization_id, patient_id, true));
CREATE POLICY portal_write ON po_resources FOR INSERT WITH CHECK (po_row_writable(organization_id, patient_id, 'staff'));
CREATE POLICY portal_update ON po_resources FOR UPDATE
  USING (po_row_writable(organization_id, patient_id, 'staff')) WITH CHECK (po_row_writable(organization_id, patient_id, 'staff'));
GRANT SELECT, INSERT, UPDATE ON po_resources TO cairn_app;

ALTER TABLE po_crisis_toolkits ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_read ON po_crisis_toolkits FOR SELECT USING (po_row_visible(organization_id, patient_id, true));
CREATE POLICY portal_write ON po_crisis_toolkits FOR INSERT WITH CHECK (po_row_writable(organization_id, patient_id, 'staff'));
CREATE POLICY portal_update ON po_crisis_toolkits FOR UPDATE
  USING (po_row_writable(organization_id, patient_id, 'staff')) WITH CHECK (po_row_writable(organization_id, patient_id, 'staff'));
GRANT SELECT, INSERT, UPDATE ON po_crisis_toolkits TO cairn_app;

ALTER TABLE po_crisis_toolkit_opens ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_read ON po_crisis_toolkit_opens FOR SELECT USING (po_row_visible(organization_id, patient_id, true));
CREATE POLICY portal_write ON po_crisis_toolkit_opens FOR INSERT WITH CHECK (po_row_writable(organization_id, patient_id, 'client'));
-- The open that raises an alert links the window's earlier opens to it (in the client's transaction).
CREATE POLICY portal_update ON po_crisis_toolkit_opens FOR UPDATE
  USING (po_row_writable(organization_id, patient_id, 'client')) WITH CHECK (po_row_writable(organization_id, patient_id, 'client'));
GRANT SELECT, INSERT, UPDATE ON po_crisis_toolkit_opens TO cairn_app;

ALTER TABLE po_crisis_alerts ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_read ON po_crisis_alerts FOR SELECT USING (po_row_visible(organization_id, patient_id, true));
CREATE POLICY portal_write ON po_crisis_alerts FOR INSERT WITH CHECK (po_row_writable(organization_id, patient_id, 'client'));
CREATE POLICY portal_update ON po_crisis_alerts FOR UPDATE
  USING (po_row_writable(organization_id, patient_id, 'both')) WITH CHECK (po_row_writable(organization_id, patient_id, 'both'));
GRANT SELECT, INSERT, UPDATE ON po_crisis_alerts TO cairn_app;

-- Values the database refuses whatever the caller.
ALTER TABLE po_goals ADD CONSTRAINT po_goals_progress_range CHECK (progress BETWEEN 0 AND 100),
  ADD CONSTRAINT po_goals_status_known CHECK (status IN ('active', 'achieved', 'discontinued')),
  ADD CONSTRAINT po_goals_created_by_kind_known CHECK (created_by_kind IN ('client', 'staff'));
ALTER TABLE po_goal_progress ADD CONSTRAINT po_goal_progress_range CHECK (progress BETWEEN 0 AND 100),
  ADD CONSTRAINT po_goal_progress_status_known CHECK (status IN ('active', 'achieved', 'discontinued')),
  ADD CONSTRAINT po_goal_progress_author_kind_known CHECK (author_kind IN ('client', 'staff'));
ALTER TABLE po_homework ADD CONSTRAINT po_homework_status_known CHECK (status IN ('assigned', 'completed', 'reviewed', 'cancelled'));
ALTER TABLE po_resources ADD CONSTRAINT po_resources_kind_shape CHECK (
  (kind = 'link' AND url IS NOT NULL AND url LIKE 'https://%' AND file_id IS NULL)
  OR (kind = 'file' AND file_id IS NOT NULL AND url IS NULL));
ALTER TABLE po_crisis_alerts ADD CONSTRAINT po_crisis_alerts_open_count CHECK (open_count >= 3);

-- ---------------------------------------------------------------------------------------------------------
-- Permission keys (also in libs/platform/tenancy/src/permissions.ts). Reading homework, goals, toolkit opens
-- and alerts of one's clients is portal.activity.view; the admins' high-risk list is portal.admin.
INSERT INTO pf_permissions (key, description) VALUES
  ('portal.homework.manage', 'Assign homework to one''s clients through the portal, review it and give feedback'),
  ('portal.goals.manage', 'Create therapeutic goals with one''s clients and record their progress'),
  ('portal.resources.manage', 'Upload or link resources and recommend them to one''s clients'),
  ('portal.crisis-toolkit.manage', 'Customise a client''s crisis toolkit and acknowledge crisis-toolkit alerts');

INSERT INTO pf_role_permissions (role_key, permission_key) VALUES
  ('clinician', 'portal.homework.manage'), ('supervisor', 'portal.homework.manage'), ('owner', 'portal.homework.manage'), ('admin', 'portal.homework.manage'),
  ('clinician', 'portal.goals.manage'), ('supervisor', 'portal.goals.manage'), ('owner', 'portal.goals.manage'), ('admin', 'portal.goals.manage'),
  ('clinician', 'portal.resources.manage'), ('supervisor', 'portal.resources.manage'), ('owner', 'portal.resources.manage'), ('admin', 'portal.resources.manage'),
  ('clinician', 'portal.crisis-toolkit.manage'), ('supervisor', 'portal.crisis-toolkit.manage'), ('owner', 'portal.crisis-toolkit.manage'), ('admin', 'portal.crisis-toolkit.manage');
