-- Issue 19 items 4 and 7: audio messages (the client's Audio Vault) and the portal as the Engagement domain's
-- performance-signal source (ADR 0014; the Engagement tiles read feed:portal until now).

-- CreateTable
CREATE TABLE "po_audio_messages" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "file_id" UUID NOT NULL,
    "content_type" TEXT NOT NULL,
    "byte_size" INTEGER NOT NULL,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "po_audio_messages_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "po_audio_message_plays" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "audio_message_id" UUID NOT NULL,
    "played_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "po_audio_message_plays_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateIndex
CREATE INDEX "po_audio_messages_organization_id_patient_id_created_at_idx" ON "po_audio_messages"("organization_id", "patient_id", "created_at");

-- CreateIndex
CREATE INDEX "po_audio_message_plays_organization_id_audio_message_id_idx" ON "po_audio_message_plays"("organization_id", "audio_message_id");

-- CreateIndex
CREATE INDEX "po_audio_message_plays_organization_id_played_at_idx" ON "po_audio_message_plays"("organization_id", "played_at");

-- Row-level security (raw SQL: Prisma cannot express policies), the foundation's shapes (ADR 0015):
-- messages are written by staff (the current primary therapist or a portal admin) and shared by nature; plays are
-- the client's own rows, which the therapist sees (they exist to be seen: "has my client listened?").
ALTER TABLE po_audio_messages ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_read ON po_audio_messages FOR SELECT USING (po_row_visible(organization_id, patient_id, true));
CREATE POLICY portal_write ON po_audio_messages FOR INSERT WITH CHECK (po_row_writable(organization_id, patient_id, 'staff'));
GRANT SELECT, INSERT ON po_audio_messages TO cairn_app;

ALTER TABLE po_audio_message_plays ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY portal_read ON po_audio_message_plays FOR SELECT USING (po_row_visible(organization_id, patient_id, true));
CREATE POLICY portal_write ON po_audio_message_plays FOR INSERT WITH CHECK (po_row_writable(organization_id, patient_id, 'client'));
GRANT SELECT, INSERT ON po_audio_message_plays TO cairn_app;

-- ---------------------------------------------------------------------------------------------------------
-- The portal as a performance-signal source (ADR 0014 §3): one SECURITY DEFINER function, organization-wide
-- aggregates only, behind the shared guard and range check (pf_signals_zone). The denominator of adoption is a
-- CL fact, behind CL's own helper (the portal names no cl_ table, ADR 0015).

-- How many of the organization's patients are active in CL now (CL keeps no status history: "as of now").
CREATE FUNCTION cl_active_patient_count(p_org uuid) RETURNS integer
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT count(*)::integer FROM cl_patients p WHERE p.organization_id = p_org AND p.status = 'active' $$;
REVOKE EXECUTE ON FUNCTION cl_active_patient_count(uuid) FROM PUBLIC;

-- The adoption denominator for the admins' oversight view (which shows it even when no account exists yet),
-- behind the signals' guard: only the transaction's organization, for its staff or the worker.
CREATE FUNCTION po_active_patient_count(org_id uuid) RETURNS integer
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $fn$
  BEGIN
    IF NOT pf_signals_caller_ok(org_id) THEN
      RAISE EXCEPTION 'portal figures of another organization, or no organization access in this context'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN cl_active_patient_count(org_id);
  END
  $fn$;
REVOKE EXECUTE ON FUNCTION po_active_patient_count(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION po_active_patient_count(uuid) TO cairn_app;

-- One client action per row: (patient, when, feature). What a client does in the portal, by the tables that record
-- it; 'sign-in' (a session started or refreshed) makes a client active without being a feature's use.
CREATE FUNCTION po_client_events(org_id uuid, from_at timestamptz, to_at timestamptz)
  RETURNS TABLE (patient_id uuid, at timestamptz, feature text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT m.patient_id, m.created_at, 'mood' FROM po_mood_entries m
      WHERE m.organization_id = org_id AND m.created_at >= from_at AND m.created_at < to_at
    UNION ALL
    SELECT j.patient_id, j.created_at, 'journal' FROM po_journal_entries j
      WHERE j.organization_id = org_id AND j.created_at >= from_at AND j.created_at < to_at
    UNION ALL
    SELECT r.patient_id, r.created_at, 'check-ins' FROM po_prompt_responses r
      WHERE r.organization_id = org_id AND r.created_at >= from_at AND r.created_at < to_at
    UNION ALL
    SELECT h.patient_id, h.completed_at, 'homework' FROM po_homework h
      WHERE h.organization_id = org_id AND h.completed_at >= from_at AND h.completed_at < to_at
    UNION ALL
    SELECT g.patient_id, g.created_at, 'goals' FROM po_goal_progress g
      WHERE g.organization_id = org_id AND g.author_kind = 'client' AND g.created_at >= from_at AND g.created_at < to_at
    UNION ALL
    SELECT c.patient_id, c.opened_at, 'crisis-toolkit' FROM po_crisis_toolkit_opens c
      WHERE c.organization_id = org_id AND c.opened_at >= from_at AND c.opened_at < to_at
    UNION ALL
    SELECT p.patient_id, p.played_at, 'audio' FROM po_audio_message_plays p
      WHERE p.organization_id = org_id AND p.played_at >= from_at AND p.played_at < to_at
    UNION ALL
    SELECT t.patient_id, t.issued_at, 'sign-in' FROM po_refresh_tokens t
      WHERE t.organization_id = org_id AND t.issued_at >= from_at AND t.issued_at < to_at
  $$;
REVOKE EXECUTE ON FUNCTION po_client_events(uuid, timestamptz, timestamptz) FROM PUBLIC;

-- portal.engagement:
--   engagement.portal-activity (daily): client actions that day (sign-ins excluded); breakdown by feature;
--   engagement.active-clients (daily): distinct clients with any action or sign-in that day;
--   engagement.active-clients-7d (snapshot): distinct clients active in the 7 days ending the as-of day;
--   engagement.portal-adoption (snapshot): active accounts of active patients / active patients (CL, now);
--     breakdown accounts, activePatients. Not reported when the organization has no active patient.
CREATE FUNCTION po_engagement_signals(org_id uuid, from_day date, to_day date)
  RETURNS SETOF performance_signal_bucket
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $fn$
  DECLARE
    v_zone text := pf_signals_zone(org_id, from_day, to_day);
    v_from timestamptz := from_day::timestamp AT TIME ZONE v_zone;
    v_to timestamptz := (to_day + 1)::timestamp AT TIME ZONE v_zone;
    v_asof timestamptz := LEAST((to_day + 1)::timestamp AT TIME ZONE v_zone, now());
    v_patients integer := cl_active_patient_count(org_id);
    v_accounts integer;
  BEGIN
    RETURN QUERY
    SELECT 'engagement.portal-activity', NULL::uuid, NULL::uuid, d.day, sum(d.n)::numeric, jsonb_object_agg(d.feature, d.n)
      FROM (SELECT (e.at AT TIME ZONE v_zone)::date AS day, e.feature, count(*) AS n
              FROM po_client_events(org_id, v_from, v_to) e WHERE e.feature <> 'sign-in' GROUP BY 1, 2) d
      GROUP BY d.day;
    RETURN QUERY
    SELECT 'engagement.active-clients', NULL::uuid, NULL::uuid, (e.at AT TIME ZONE v_zone)::date, count(DISTINCT e.patient_id)::numeric, NULL::jsonb
      FROM po_client_events(org_id, v_from, v_to) e GROUP BY 4;
    RETURN QUERY
    SELECT 'engagement.active-clients-7d', NULL::uuid, NULL::uuid, to_day, count(DISTINCT e.patient_id)::numeric, NULL::jsonb
      FROM po_client_events(org_id, ((to_day - 6)::timestamp AT TIME ZONE v_zone), v_asof) e
      HAVING count(DISTINCT e.patient_id) > 0;
    IF v_patients > 0 THEN
      SELECT count(*)::integer INTO v_accounts FROM po_accounts a
        WHERE a.organization_id = org_id AND a.status = 'active' AND a.activated_at < v_asof
          AND cl_patient_is_active(a.organization_id, a.patient_id);
      IF v_accounts > 0 THEN
        RETURN NEXT ('engagement.portal-adoption', NULL::uuid, NULL::uuid, to_day, round(v_accounts::numeric / v_patients, 4),
                     jsonb_build_object('accounts', v_accounts, 'activePatients', v_patients))::performance_signal_bucket;
      END IF;
    END IF;
  END
  $fn$;
REVOKE EXECUTE ON FUNCTION po_engagement_signals(uuid, date, date) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION po_engagement_signals(uuid, date, date) TO cairn_app;

-- ---------------------------------------------------------------------------------------------------------
-- Dashboards: the Engagement tiles now read the portal (they read the inbound feed feed:portal until now), and
-- two more tiles show the active clients. Calculations are platform data, written only by migrations.
UPDATE ds_metric_definitions SET calculation_source = 'portal.engagement'
  WHERE metric_key IN ('engagement.portal-adoption', 'engagement.portal-activity');

INSERT INTO ds_metric_definitions (id, organization_id, metric_key, name, domain, calculation_source, calculation, unit,
  update_model, freshness_label, visibility_rules, target, thresholds, attention_rules, drill_key) VALUES
  (gen_random_uuid(), NULL, 'engagement.active-clients', 'Active portal clients (client-days)', 'Engagement', 'portal.engagement',
   '{"op":"sum","signal":"engagement.active-clients"}', 'count', 'near-real-time', 'updated-ago',
   '{"roles":["front_desk","treatment_coordinator","practice_manager","owner","admin"],"scope":"organization"}',
   NULL, '{}', '[]', NULL),
  (gen_random_uuid(), NULL, 'engagement.active-clients-7d', 'Weekly active portal clients', 'Engagement', 'portal.engagement',
   '{"op":"latest","signal":"engagement.active-clients-7d"}', 'count', 'near-real-time', 'updated-ago',
   '{"roles":["front_desk","treatment_coordinator","practice_manager","owner","admin"],"scope":"organization"}',
   NULL, '{}', '[]', NULL);

UPDATE ds_view_definitions
  SET metric_keys = metric_keys || '{engagement.active-clients,engagement.active-clients-7d}'::text[]
  WHERE organization_id IS NULL AND view_key IN ('front-of-house', 'manager');

-- ---------------------------------------------------------------------------------------------------------
-- Permission key (also in libs/platform/tenancy/src/permissions.ts): recording audio for one's clients. Listening
-- to them as staff is portal.activity.view; the admins' adoption figures are portal.admin.
INSERT INTO pf_permissions (key, description) VALUES
  ('portal.audio-messages.manage', 'Record or upload audio messages for one''s clients (their Audio Vault)');
INSERT INTO pf_role_permissions (role_key, permission_key) VALUES
  ('clinician', 'portal.audio-messages.manage'), ('supervisor', 'portal.audio-messages.manage'),
  ('owner', 'portal.audio-messages.manage'), ('admin', 'portal.audio-messages.manage');
