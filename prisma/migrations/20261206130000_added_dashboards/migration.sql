-- CreateTable
CREATE TABLE "ds_metric_definitions" (
    "id" UUID NOT NULL,
    "organization_id" UUID,
    "metric_key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "calculation_source" TEXT NOT NULL,
    "calculation" JSONB NOT NULL,
    "unit" TEXT NOT NULL,
    "update_model" TEXT NOT NULL,
    "freshness_label" TEXT NOT NULL,
    "visibility_rules" JSONB NOT NULL,
    "target" DOUBLE PRECISION,
    "thresholds" JSONB NOT NULL,
    "attention_rules" JSONB NOT NULL,
    "drill_key" TEXT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ds_metric_definitions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ds_view_definitions" (
    "id" UUID NOT NULL,
    "organization_id" UUID,
    "view_key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role_binding" TEXT[],
    "enabled_modules" TEXT[],
    "permission_scope" TEXT NOT NULL,
    "metric_keys" TEXT[],
    "core_metric_keys" TEXT[],
    "layout_version" INTEGER NOT NULL DEFAULT 1,
    "user_layout_enabled" BOOLEAN NOT NULL DEFAULT true,
    "last_rendered_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ds_view_definitions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ds_definition_changes" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_key" TEXT NOT NULL,
    "actor_id" UUID NOT NULL,
    "before" JSONB,
    "after" JSONB NOT NULL,
    "occurred_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ds_definition_changes_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "ds_metric_values" (
    "organization_id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "signal_key" TEXT NOT NULL,
    "scope_key" TEXT NOT NULL,
    "site_id" UUID,
    "provider_id" UUID,
    "day" DATE NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "breakdown" JSONB,
    "computed_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "ds_metric_values_pkey" PRIMARY KEY ("organization_id","signal_key","day","scope_key")
);

-- CreateTable
CREATE TABLE "ds_source_status" (
    "organization_id" UUID NOT NULL,
    "source" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "last_success_at" TIMESTAMPTZ(6),
    "last_failure_at" TIMESTAMPTZ(6),
    "failing_since" TIMESTAMPTZ(6),
    "last_error" TEXT,
    "expected_interval_seconds" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ds_source_status_pkey" PRIMARY KEY ("organization_id","source")
);

-- CreateTable
CREATE TABLE "ds_audit_events" (
    "organization_id" UUID NOT NULL,
    "event_id" UUID NOT NULL,
    "event_type" TEXT NOT NULL,
    "actor_id" UUID NOT NULL,
    "view_id" UUID,
    "metric_id" UUID,
    "scope_context" JSONB,
    "content_hash" TEXT NOT NULL,
    "occurred_at" TIMESTAMPTZ(6) NOT NULL,

    CONSTRAINT "ds_audit_events_pkey" PRIMARY KEY ("organization_id","event_id")
);

-- CreateTable
CREATE TABLE "ds_user_layouts" (
    "organization_id" UUID NOT NULL,
    "staff_user_id" UUID NOT NULL,
    "view_key" TEXT NOT NULL,
    "metric_order" TEXT[],
    "hidden_metrics" TEXT[],
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ds_user_layouts_pkey" PRIMARY KEY ("organization_id","staff_user_id","view_key")
);

-- CreateTable
CREATE TABLE "ds_export_permissions" (
    "organization_id" UUID NOT NULL,
    "role_key" TEXT NOT NULL,
    "allowed" BOOLEAN NOT NULL,
    "updated_by" UUID NOT NULL,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ds_export_permissions_pkey" PRIMARY KEY ("organization_id","role_key")
);

-- CreateIndex
CREATE UNIQUE INDEX "ds_metric_definitions_organization_id_metric_key_key" ON "ds_metric_definitions"("organization_id", "metric_key");

-- CreateIndex
CREATE UNIQUE INDEX "ds_view_definitions_organization_id_view_key_key" ON "ds_view_definitions"("organization_id", "view_key");

-- CreateIndex
CREATE INDEX "ds_definition_changes_organization_id_subject_type_subject__idx" ON "ds_definition_changes"("organization_id", "subject_type", "subject_key", "occurred_at");

-- CreateIndex
CREATE INDEX "ds_metric_values_organization_id_source_day_idx" ON "ds_metric_values"("organization_id", "source", "day");

-- CreateIndex
CREATE INDEX "ds_audit_events_organization_id_occurred_at_idx" ON "ds_audit_events"("organization_id", "occurred_at");

-- ---------------------------------------------------------------------------------------------------------
-- Raw SQL Prisma cannot express: row-level security, grants, append-only triggers, the dashboard audit hash,
-- the permission keys, and the platform's metric and view definitions (definitions are data: issue 16 item 1).
-- ---------------------------------------------------------------------------------------------------------

-- Definitions: platform defaults (organization_id NULL) are readable by every tenant and by the worker's system
-- context; a practice's overrides only in its own organization. Nobody writes a platform default at run time
-- (WITH CHECK requires the transaction's organization); the migrations own them.
ALTER TABLE ds_metric_definitions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON ds_metric_definitions FOR ALL
  USING (organization_id IS NULL OR (organization_id = pf_ctx_org() AND ((SELECT pf_has_org_access(pf_ctx_org())) OR pf_ctx_is_system())))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())));
GRANT SELECT, INSERT, UPDATE ON ds_metric_definitions TO cairn_app;

ALTER TABLE ds_view_definitions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON ds_view_definitions FOR ALL
  USING (organization_id IS NULL OR (organization_id = pf_ctx_org() AND ((SELECT pf_has_org_access(pf_ctx_org())) OR pf_ctx_is_system())))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())));
GRANT SELECT, INSERT, UPDATE ON ds_view_definitions TO cairn_app;

-- The definition trail, the dashboard audit trail: insert and read only, and a trigger that refuses UPDATE, DELETE
-- and TRUNCATE even for the owner role (grants alone do not bind the table's owner).
CREATE FUNCTION ds_reject_change() RETURNS trigger LANGUAGE plpgsql
  AS $$
  BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
  END
  $$;

ALTER TABLE ds_definition_changes ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON ds_definition_changes FOR ALL
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())));
GRANT SELECT, INSERT ON ds_definition_changes TO cairn_app;
CREATE TRIGGER ds_definition_changes_append_only BEFORE UPDATE OR DELETE ON ds_definition_changes
  FOR EACH ROW EXECUTE FUNCTION ds_reject_change();
CREATE TRIGGER ds_definition_changes_no_truncate BEFORE TRUNCATE ON ds_definition_changes
  FOR EACH STATEMENT EXECUTE FUNCTION ds_reject_change();

-- The dashboard audit event. content_hash is set by the database (never by the application) from the row's
-- content; the application copies it into the platform audit row of the same transaction (pf_audit_events.scope
-- -> 'dashboardEvents'), whose hash chain npm run audit:verify checks, and ds_audit_verify() finds any row whose
-- content no longer matches its hash or whose hash no chained row vouches for (ADR 0013).
CREATE FUNCTION ds_audit_row_hash(p ds_audit_events) RETURNS text LANGUAGE sql IMMUTABLE
  SET search_path = public, pg_temp
  AS $$
    SELECT encode(sha256(convert_to(concat_ws('|', p.organization_id::text, p.event_id::text, p.event_type, p.actor_id::text,
      coalesce(p.view_id::text, ''), coalesce(p.metric_id::text, ''), coalesce(p.scope_context::text, ''),
      to_char(p.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')), 'UTF8')), 'hex')
  $$;
REVOKE EXECUTE ON FUNCTION ds_audit_row_hash(ds_audit_events) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ds_audit_row_hash(ds_audit_events) TO cairn_app;

CREATE FUNCTION ds_audit_events_seal() RETURNS trigger LANGUAGE plpgsql
  SET search_path = public, pg_temp
  AS $$
  BEGIN
    NEW.content_hash := ds_audit_row_hash(NEW);
    RETURN NEW;
  END
  $$;
CREATE TRIGGER ds_audit_events_seal BEFORE INSERT ON ds_audit_events FOR EACH ROW EXECUTE FUNCTION ds_audit_events_seal();
CREATE TRIGGER ds_audit_events_append_only BEFORE UPDATE OR DELETE ON ds_audit_events
  FOR EACH ROW EXECUTE FUNCTION ds_reject_change();
CREATE TRIGGER ds_audit_events_no_truncate BEFORE TRUNCATE ON ds_audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION ds_reject_change();

ALTER TABLE ds_audit_events ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON ds_audit_events FOR ALL
  USING (organization_id = pf_ctx_org() AND ((SELECT pf_has_org_access(pf_ctx_org())) OR pf_ctx_is_system()))
  WITH CHECK (organization_id = pf_ctx_org() AND ((SELECT pf_has_org_access(pf_ctx_org())) OR pf_ctx_is_system()));
GRANT SELECT, INSERT ON ds_audit_events TO cairn_app;

-- Tamper detection for the dashboard audit trail (owner only; npm run audit:verify calls it): rows whose content
-- no longer hashes to content_hash, and rows no platform audit row (hash-chained) vouches for.
CREATE FUNCTION ds_audit_verify()
  RETURNS TABLE (organization_id uuid, event_id uuid, problem text)
  LANGUAGE sql STABLE SET search_path = public, pg_temp
  AS $$
    SELECT d.organization_id, d.event_id,
           CASE WHEN ds_audit_row_hash(d) <> d.content_hash THEN 'content does not match its hash'
                ELSE 'no chained platform audit row vouches for it' END
    FROM ds_audit_events d
    WHERE ds_audit_row_hash(d) <> d.content_hash
       OR NOT EXISTS (
         SELECT 1 FROM pf_audit_events e
         WHERE e.organization_id = d.organization_id AND e.occurred_at >= d.occurred_at - interval '1 hour'
           AND e.scope -> 'dashboardEvents' @> jsonb_build_array(jsonb_build_object('id', d.event_id::text, 'hash', d.content_hash)))
    ORDER BY d.organization_id, d.occurred_at
  $$;
REVOKE EXECUTE ON FUNCTION ds_audit_verify() FROM PUBLIC;

-- The value store and the source status: written by the recompute command in a user's request (an admin's
-- on-demand recompute) or in the worker's system context for one organization. No DELETE (the app role deletes
-- nothing anywhere): a cell a source no longer reports is set to 0 by the recompute.
ALTER TABLE ds_metric_values ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON ds_metric_values FOR ALL
  USING (organization_id = pf_ctx_org() AND ((SELECT pf_has_org_access(pf_ctx_org())) OR pf_ctx_is_system()))
  WITH CHECK (organization_id = pf_ctx_org() AND ((SELECT pf_has_org_access(pf_ctx_org())) OR pf_ctx_is_system()));
GRANT SELECT, INSERT, UPDATE ON ds_metric_values TO cairn_app;

ALTER TABLE ds_source_status ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON ds_source_status FOR ALL
  USING (organization_id = pf_ctx_org() AND ((SELECT pf_has_org_access(pf_ctx_org())) OR pf_ctx_is_system()))
  WITH CHECK (organization_id = pf_ctx_org() AND ((SELECT pf_has_org_access(pf_ctx_org())) OR pf_ctx_is_system()));
GRANT SELECT, INSERT, UPDATE ON ds_source_status TO cairn_app;

-- A user's layout: only their own rows.
ALTER TABLE ds_user_layouts ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON ds_user_layouts FOR ALL
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())) AND staff_user_id = pf_ctx_user())
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())) AND staff_user_id = pf_ctx_user());
GRANT SELECT, INSERT, UPDATE ON ds_user_layouts TO cairn_app;

ALTER TABLE ds_export_permissions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON ds_export_permissions FOR ALL
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())));
GRANT SELECT, INSERT, UPDATE ON ds_export_permissions TO cairn_app;

-- Permissions: dashboards.view (every staff role), dashboards.metrics.manage (admin, owner), and the issue's
-- dashboards.cross-site.view replacing dashboards.cross-site (same holders: an explicit role grant).
INSERT INTO pf_permissions (key, description) VALUES
  ('dashboards.view', 'View, filter and drill into the dashboard bound to one''s role, within one''s scope'),
  ('dashboards.metrics.manage', 'Change dashboard targets, thresholds, visibility and view modules, recompute metrics, and set which roles may export'),
  ('dashboards.cross-site.view', 'View the group / multi-site comparison dashboard (audited on every use)');
INSERT INTO pf_role_permissions (role_key, permission_key)
  SELECT role_key, 'dashboards.cross-site.view' FROM pf_role_permissions WHERE permission_key = 'dashboards.cross-site';
DELETE FROM pf_role_permissions WHERE permission_key = 'dashboards.cross-site';
DELETE FROM pf_permissions WHERE key = 'dashboards.cross-site';
INSERT INTO pf_role_permissions (role_key, permission_key)
  SELECT key, 'dashboards.view' FROM pf_roles;
INSERT INTO pf_role_permissions (role_key, permission_key) VALUES
  ('admin', 'dashboards.metrics.manage'), ('owner', 'dashboards.metrics.manage');

-- The platform's metric set. calculation: how a value is derived from the performance-signals buckets
-- (sum over the days of the range, the latest as-of value, or a ratio of two sums). visibility_rules.roles: who
-- may receive the metric; scope: the widest scope (practitioner roles are always narrowed to their own figures).
INSERT INTO ds_metric_definitions (id, organization_id, metric_key, name, domain, calculation_source, calculation, unit,
  update_model, freshness_label, visibility_rules, target, thresholds, attention_rules, drill_key) VALUES
  (gen_random_uuid(), NULL, 'appointments.today', 'Appointments', 'Operational', 'pm.appointments',
   '{"op":"sum","signal":"appointments.scheduled"}', 'count', 'real-time', 'live',
   '{"roles":["clinician","peer_specialist","supervisor","front_desk","treatment_coordinator","practice_manager","owner","admin"],"scope":"organization"}',
   NULL, '{}', '[{"kind":"unusual-change","sigma":2,"minDelta":5}]', 'appointments.today'),
  (gen_random_uuid(), NULL, 'appointments.cancelled', 'Cancellations', 'Operational', 'pm.appointments',
   '{"op":"sum","signal":"appointments.cancelled"}', 'count', 'real-time', 'live',
   '{"roles":["clinician","peer_specialist","supervisor","front_desk","treatment_coordinator","practice_manager","owner","admin"],"scope":"organization"}',
   NULL, '{}', '[{"kind":"unusual-change","sigma":2,"minDelta":3}]', 'appointments.cancelled'),
  (gen_random_uuid(), NULL, 'appointments.late-cancelled', 'Late cancellations', 'Operational', 'pm.appointments',
   '{"op":"sum","signal":"appointments.late-cancelled"}', 'count', 'real-time', 'live',
   '{"roles":["clinician","peer_specialist","supervisor","front_desk","treatment_coordinator","practice_manager","owner","admin"],"scope":"organization"}',
   NULL, '{}', '[{"kind":"unusual-change","sigma":2,"minDelta":3}]', 'appointments.cancelled'),
  (gen_random_uuid(), NULL, 'appointments.no-show', 'No-shows (DNA)', 'Operational', 'pm.appointments',
   '{"op":"sum","signal":"appointments.no-show"}', 'count', 'real-time', 'live',
   '{"roles":["clinician","peer_specialist","supervisor","front_desk","treatment_coordinator","practice_manager","owner","admin"],"scope":"organization"}',
   NULL, '{"direction":"above","warn":3,"alert":6}', '[{"kind":"threshold"},{"kind":"unusual-change","sigma":2,"minDelta":2}]', 'appointments.no-show'),
  (gen_random_uuid(), NULL, 'appointments.utilisation', 'Utilisation (booked of available hours)', 'Operational', 'pm.appointments',
   '{"op":"ratio","signal":"appointments.booked-minutes","denominator":"appointments.available-minutes"}', 'ratio', 'near-real-time', 'updated-ago',
   '{"roles":["clinician","peer_specialist","supervisor","front_desk","practice_manager","owner","admin","hr"],"scope":"organization"}',
   0.85, '{"direction":"below","warn":0.7,"alert":0.5}', '[{"kind":"threshold"},{"kind":"drift","tolerance":0.1}]', 'appointments.today'),
  (gen_random_uuid(), NULL, 'appointments.booked-minutes', 'Booked minutes', 'Operational', 'pm.appointments',
   '{"op":"sum","signal":"appointments.booked-minutes"}', 'minutes', 'near-real-time', 'updated-ago',
   '{"roles":["supervisor","front_desk","practice_manager","owner","admin","hr"],"scope":"organization"}',
   NULL, '{}', '[]', 'appointments.today'),
  (gen_random_uuid(), NULL, 'appointments.available-minutes', 'Available provider minutes', 'Operational', 'pm.appointments',
   '{"op":"sum","signal":"appointments.available-minutes"}', 'minutes', 'near-real-time', 'updated-ago',
   '{"roles":["front_desk","practice_manager","owner","admin","hr"],"scope":"organization"}',
   NULL, '{}', '[]', NULL),
  (gen_random_uuid(), NULL, 'appointments.gap-minutes', 'Diary gaps', 'Operational', 'pm.appointments',
   '{"op":"sum","signal":"appointments.gap-minutes"}', 'minutes', 'near-real-time', 'updated-ago',
   '{"roles":["front_desk","treatment_coordinator","practice_manager","owner","admin"],"scope":"organization"}',
   NULL, '{"direction":"above","warn":240,"alert":480}', '[{"kind":"threshold"}]', 'appointments.today'),
  (gen_random_uuid(), NULL, 'appointments.backfill-rate', 'Backfill rate of cancelled slots', 'Operational', 'pm.appointments',
   '{"op":"ratio","signal":"appointments.backfilled","denominator":"appointments.cancelled"}', 'ratio', 'batch', 'as-of',
   '{"roles":["front_desk","treatment_coordinator","practice_manager","owner","admin"],"scope":"organization"}',
   0.5, '{"direction":"below","warn":0.3,"alert":0.1}', '[{"kind":"drift","tolerance":0.2}]', 'appointments.cancelled'),
  (gen_random_uuid(), NULL, 'notes.signed', 'Notes signed', 'Clinical', 'cl.documentation',
   '{"op":"sum","signal":"notes.signed"}', 'count', 'real-time', 'live',
   '{"roles":["clinician","peer_specialist","supervisor","practice_manager","owner","admin"],"scope":"organization"}',
   NULL, '{}', '[]', NULL),
  (gen_random_uuid(), NULL, 'notes.unsigned', 'Unsigned notes', 'Clinical', 'cl.documentation',
   '{"op":"latest","signal":"notes.unsigned"}', 'count', 'real-time', 'live',
   '{"roles":["clinician","peer_specialist","supervisor","billing_coordinator","practice_manager","owner","admin"],"scope":"organization"}',
   NULL, '{"direction":"above","warn":5,"alert":15}', '[{"kind":"threshold"}]', 'notes.unsigned'),
  (gen_random_uuid(), NULL, 'notes.overdue-48h', 'Notes overdue (> 48 h)', 'Clinical', 'cl.documentation',
   '{"op":"latest","signal":"notes.overdue-48h"}', 'count', 'near-real-time', 'updated-ago',
   '{"roles":["clinician","peer_specialist","supervisor","practice_manager","owner","admin"],"scope":"organization"}',
   0, '{}', '[{"kind":"overdue","above":0}]', 'notes.overdue'),
  (gen_random_uuid(), NULL, 'notes.documentation-lag', 'Mean documentation lag', 'Clinical', 'cl.documentation',
   '{"op":"ratio","signal":"notes.lag-hours-sum","denominator":"notes.lag-count"}', 'hours', 'batch', 'as-of',
   '{"roles":["clinician","peer_specialist","supervisor","practice_manager","owner","admin"],"scope":"organization"}',
   24, '{"direction":"above","warn":48,"alert":72}', '[{"kind":"threshold"},{"kind":"drift","tolerance":0.5}]', 'notes.unsigned'),
  (gen_random_uuid(), NULL, 'group-encounters.pending-review', 'Group encounter proposals awaiting review', 'Clinical', 'cl.group-encounters',
   '{"op":"latest","signal":"group-encounters.pending-review"}', 'count', 'real-time', 'live',
   '{"roles":["supervisor","billing_coordinator","practice_manager","owner","admin"],"scope":"organization"}',
   NULL, '{"direction":"above","warn":10,"alert":25}', '[{"kind":"threshold"}]', 'group-encounters.pending'),
  (gen_random_uuid(), NULL, 'group-encounters.approved', 'Group encounters approved', 'Clinical', 'cl.group-encounters',
   '{"op":"sum","signal":"group-encounters.approved"}', 'count', 'real-time', 'live',
   '{"roles":["supervisor","billing_coordinator","practice_manager","owner","admin"],"scope":"organization"}',
   NULL, '{}', '[]', NULL),
  (gen_random_uuid(), NULL, 'peer-encounters.draft', 'Draft peer encounters', 'Clinical', 'cl.peer',
   '{"op":"latest","signal":"peer-encounters.draft"}', 'count', 'real-time', 'live',
   '{"roles":["peer_specialist","supervisor","billing_coordinator","practice_manager","owner","admin"],"scope":"organization"}',
   NULL, '{"direction":"above","warn":5,"alert":15}', '[{"kind":"threshold"}]', 'peer-encounters.draft'),
  (gen_random_uuid(), NULL, 'peer-encounters.finalized', 'Peer encounters finalized', 'Clinical', 'cl.peer',
   '{"op":"sum","signal":"peer-encounters.finalized"}', 'count', 'real-time', 'live',
   '{"roles":["peer_specialist","supervisor","billing_coordinator","practice_manager","owner","admin"],"scope":"organization"}',
   NULL, '{}', '[]', NULL),
  (gen_random_uuid(), NULL, 'caseload.active', 'Active caseload', 'Clinical', 'cl.caseload',
   '{"op":"latest","signal":"caseload.active"}', 'count', 'batch', 'as-of',
   '{"roles":["clinician","peer_specialist","supervisor","practice_manager","owner","admin"],"scope":"organization"}',
   NULL, '{}', '[{"kind":"unusual-change","sigma":2,"minDelta":5}]', NULL),
  (gen_random_uuid(), NULL, 'charges.created', 'Charges created', 'Financial', 'pm.charges',
   '{"op":"sum","signal":"charges.created"}', 'count', 'real-time', 'live',
   '{"roles":["billing_coordinator","practice_manager","owner","admin"],"scope":"organization"}',
   NULL, '{}', '[{"kind":"unusual-change","sigma":2,"minDelta":5}]', NULL),
  (gen_random_uuid(), NULL, 'charges.amount', 'Charge amount', 'Financial', 'pm.charges',
   '{"op":"sum","signal":"charges.amount-cents"}', 'cents', 'real-time', 'live',
   '{"roles":["billing_coordinator","practice_manager","owner","admin"],"scope":"organization"}',
   NULL, '{}', '[]', NULL),
  (gen_random_uuid(), NULL, 'charges.on-hold', 'Charges on hold', 'Financial', 'pm.charges',
   '{"op":"latest","signal":"charges.on-hold"}', 'count', 'near-real-time', 'updated-ago',
   '{"roles":["billing_coordinator","practice_manager","owner","admin"],"scope":"organization"}',
   NULL, '{"direction":"above","warn":1,"alert":10}', '[{"kind":"threshold"}]', 'charges.on-hold'),
  (gen_random_uuid(), NULL, 'consents.expiring-30d', 'Part 2 consents expiring within 30 days', 'Compliance', 'cl.consents',
   '{"op":"latest","signal":"consents.expiring-30d"}', 'count', 'batch', 'as-of',
   '{"roles":["front_desk","treatment_coordinator","supervisor","practice_manager","owner","admin"],"scope":"organization"}',
   NULL, '{}', '[{"kind":"overdue","above":0}]', 'consents.expiring'),
  (gen_random_uuid(), NULL, 'supervision.hours', 'Supervision hours this month', 'Compliance', 'cl.supervision',
   '{"op":"sum","signal":"supervision.hours"}', 'hours', 'batch', 'as-of',
   '{"roles":["peer_specialist","supervisor","practice_manager","owner","admin","hr"],"scope":"organization"}',
   NULL, '{}', '[]', NULL),
  (gen_random_uuid(), NULL, 'supervision.peers-short', 'Peers short of the month''s supervision', 'Compliance', 'cl.supervision',
   '{"op":"latest","signal":"supervision.peers-short"}', 'count', 'batch', 'as-of',
   '{"roles":["supervisor","practice_manager","owner","admin","hr"],"scope":"organization"}',
   0, '{}', '[{"kind":"overdue","above":0}]', NULL),
  (gen_random_uuid(), NULL, 'audit.chain-verified', 'Audit chain verified', 'Compliance', 'platform.audit',
   '{"op":"latest","signal":"audit.chain-verified"}', 'boolean', 'batch', 'as-of',
   '{"roles":["practice_manager","owner","admin"],"scope":"organization"}',
   1, '{"direction":"below","alert":1}', '[{"kind":"threshold"}]', NULL),
  (gen_random_uuid(), NULL, 'engagement.portal-adoption', 'Portal adoption', 'Engagement', 'feed:portal',
   '{"op":"latest","signal":"engagement.portal-adoption"}', 'ratio', 'near-real-time', 'updated-ago',
   '{"roles":["front_desk","treatment_coordinator","practice_manager","owner","admin"],"scope":"organization"}',
   NULL, '{}', '[]', NULL),
  (gen_random_uuid(), NULL, 'engagement.portal-activity', 'Portal activity', 'Engagement', 'feed:portal',
   '{"op":"sum","signal":"engagement.portal-activity"}', 'count', 'near-real-time', 'updated-ago',
   '{"roles":["front_desk","treatment_coordinator","practice_manager","owner","admin"],"scope":"organization"}',
   NULL, '{}', '[]', NULL);

-- The five views of §13.4. metric_keys: the default order; core_metric_keys: what a user's layout cannot hide.
INSERT INTO ds_view_definitions (id, organization_id, view_key, name, role_binding, enabled_modules, permission_scope,
  metric_keys, core_metric_keys) VALUES
  (gen_random_uuid(), NULL, 'practitioner', 'Practitioner', '{clinician,peer_specialist,supervisor}',
   '{Operational,Clinical,Compliance}', 'individual-panel',
   '{appointments.today,appointments.no-show,appointments.cancelled,appointments.utilisation,notes.signed,notes.unsigned,notes.overdue-48h,notes.documentation-lag,peer-encounters.draft,peer-encounters.finalized,caseload.active,supervision.hours}',
   '{appointments.today,notes.unsigned,notes.overdue-48h}'),
  (gen_random_uuid(), NULL, 'front-of-house', 'Front-of-House / Diary', '{front_desk,treatment_coordinator}',
   '{Operational,Compliance,Engagement}', 'site',
   '{appointments.today,appointments.cancelled,appointments.late-cancelled,appointments.no-show,appointments.gap-minutes,appointments.backfill-rate,appointments.utilisation,consents.expiring-30d,engagement.portal-adoption,engagement.portal-activity}',
   '{appointments.today,appointments.no-show,appointments.gap-minutes}'),
  (gen_random_uuid(), NULL, 'treatment-coordinator', 'Treatment Coordinator', '{billing_coordinator}',
   '{Clinical,Financial}', 'site',
   '{group-encounters.pending-review,group-encounters.approved,peer-encounters.draft,peer-encounters.finalized,notes.unsigned,charges.created,charges.amount,charges.on-hold}',
   '{group-encounters.pending-review,charges.on-hold}'),
  (gen_random_uuid(), NULL, 'manager', 'Manager / Owner', '{practice_manager,owner,admin,hr}',
   '{Operational,Clinical,Financial,Compliance,Engagement}', 'site',
   '{appointments.today,appointments.utilisation,appointments.booked-minutes,appointments.available-minutes,appointments.cancelled,appointments.late-cancelled,appointments.no-show,appointments.gap-minutes,appointments.backfill-rate,notes.signed,notes.unsigned,notes.overdue-48h,notes.documentation-lag,group-encounters.pending-review,group-encounters.approved,peer-encounters.draft,peer-encounters.finalized,caseload.active,charges.created,charges.amount,charges.on-hold,consents.expiring-30d,supervision.hours,supervision.peers-short,audit.chain-verified,engagement.portal-adoption,engagement.portal-activity}',
   '{appointments.today,appointments.utilisation,notes.overdue-48h,charges.on-hold,audit.chain-verified}'),
  (gen_random_uuid(), NULL, 'group', 'Group / Multi-Site comparison', '{practice_manager,owner,admin}',
   '{Operational,Clinical,Financial}', 'group',
   '{appointments.today,appointments.utilisation,appointments.no-show,appointments.cancelled,appointments.gap-minutes,charges.amount}',
   '{appointments.today,appointments.utilisation}');
