-- AlterTable
ALTER TABLE "pf_organizations" ADD COLUMN     "jurisdiction" TEXT;

-- AlterTable
ALTER TABLE "pf_sites" ADD COLUMN     "jurisdiction" TEXT;

-- CreateTable
CREATE TABLE "cl_part2_consents" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "chart_id" UUID NOT NULL,
    "consent_type" TEXT NOT NULL,
    "disclosing_party" TEXT NOT NULL,
    "information_description" TEXT NOT NULL,
    "record_types" TEXT[],
    "recipients" JSONB NOT NULL,
    "purposes" TEXT[],
    "effective_on" DATE NOT NULL,
    "expires_on" DATE,
    "expiration_event" TEXT,
    "signed_by" TEXT NOT NULL,
    "signed_on" DATE NOT NULL,
    "statements" TEXT[],
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" UUID,
    "revoked_at" TIMESTAMPTZ(6),
    "revoked_by" UUID,
    "revocation_method" TEXT,

    CONSTRAINT "cl_part2_consents_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "cl_part2_role_purposes" (
    "role_key" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,

    CONSTRAINT "cl_part2_role_purposes_pkey" PRIMARY KEY ("role_key","purpose")
);

-- CreateTable
CREATE TABLE "pf_codes" (
    "system" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "effective_from" DATE NOT NULL,
    "effective_to" DATE,
    "short_description" TEXT NOT NULL,
    "unit_basis" TEXT,
    "minimum_minutes" INTEGER,
    "maximum_minutes" INTEGER,

    CONSTRAINT "pf_codes_pkey" PRIMARY KEY ("system","code","effective_from")
);

-- CreateTable
CREATE TABLE "pf_organization_codes" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "system" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "effective_from" DATE NOT NULL,
    "effective_to" DATE,
    "short_description" TEXT NOT NULL,
    "unit_basis" TEXT,
    "minimum_minutes" INTEGER,
    "maximum_minutes" INTEGER,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pf_organization_codes_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "pf_jurisdiction_profiles" (
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "state_code" TEXT,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "payer_program" TEXT,
    "timed_unit_rule" TEXT NOT NULL,
    "timed_unit_minutes" INTEGER NOT NULL DEFAULT 15,
    "group_minimum_minutes" INTEGER NOT NULL,
    "group_code_map" JSONB NOT NULL,
    "required_modifiers" JSONB NOT NULL,
    "effective_from" DATE NOT NULL,

    CONSTRAINT "pf_jurisdiction_profiles_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "cl_part2_consents_organization_id_chart_id_idx" ON "cl_part2_consents"("organization_id", "chart_id");

-- CreateIndex
CREATE INDEX "cl_part2_consents_organization_id_patient_id_idx" ON "cl_part2_consents"("organization_id", "patient_id");

-- CreateIndex
CREATE INDEX "pf_codes_code_idx" ON "pf_codes"("code");

-- CreateIndex
CREATE UNIQUE INDEX "pf_organization_codes_organization_id_system_code_effective_key" ON "pf_organization_codes"("organization_id", "system", "code", "effective_from");

-- CreateIndex
CREATE UNIQUE INDEX "pf_jurisdiction_profiles_state_code_key" ON "pf_jurisdiction_profiles"("state_code");

-- AddForeignKey
ALTER TABLE "cl_part2_consents" ADD CONSTRAINT "cl_part2_consents_organization_id_chart_id_fkey" FOREIGN KEY ("organization_id", "chart_id") REFERENCES "cl_charts"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pf_organization_codes" ADD CONSTRAINT "pf_organization_codes_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "pf_organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- =========================================================================================================
-- Raw SQL below: checks, row-level security, grants, reference data, the Part 2 consent helper and the new
-- permission keys. Prisma's schema language cannot express any of it.

-- ---------------------------------------------------------------------------------------------------------
-- PF-70 code library. pf_codes is national reference data (no organization_id, no PHI): every organization
-- reads the same rows, so it has no tenant policy; the app role may only SELECT it and only migrations write
-- it. Organization-specific codes live in pf_organization_codes, a tenant table under RLS like every other.
ALTER TABLE pf_codes
  ADD CONSTRAINT pf_codes_system_check CHECK (system IN ('CPT', 'HCPCS', 'MODIFIER')),
  ADD CONSTRAINT pf_codes_unit_basis_check CHECK (
    (system = 'MODIFIER' AND unit_basis IS NULL)
    OR (system <> 'MODIFIER' AND unit_basis IN ('per_15_minutes', 'per_session', 'per_diem', 'per_encounter'))),
  ADD CONSTRAINT pf_codes_dates_check CHECK (effective_to IS NULL OR effective_to >= effective_from),
  ADD CONSTRAINT pf_codes_minutes_check CHECK (
    (minimum_minutes IS NULL OR minimum_minutes > 0) AND (maximum_minutes IS NULL OR maximum_minutes >= COALESCE(minimum_minutes, 1)));
ALTER TABLE pf_organization_codes
  ADD CONSTRAINT pf_organization_codes_system_check CHECK (system IN ('CPT', 'HCPCS', 'MODIFIER')),
  ADD CONSTRAINT pf_organization_codes_unit_basis_check CHECK (
    (system = 'MODIFIER' AND unit_basis IS NULL)
    OR (system <> 'MODIFIER' AND unit_basis IN ('per_15_minutes', 'per_session', 'per_diem', 'per_encounter'))),
  ADD CONSTRAINT pf_organization_codes_dates_check CHECK (effective_to IS NULL OR effective_to >= effective_from);

ALTER TABLE pf_organization_codes ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_read ON pf_organization_codes FOR SELECT
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())));

GRANT SELECT ON pf_codes, pf_organization_codes, pf_jurisdiction_profiles, cl_part2_role_purposes TO cairn_app;

-- Short descriptions are our own wording (CPT descriptors are copyrighted by the AMA; none is copied here).
-- 90806 shows an ended code: it was replaced by the time-banded 90832/90834/90837 in 2013.
INSERT INTO pf_codes (system, code, effective_from, effective_to, short_description, unit_basis, minimum_minutes, maximum_minutes) VALUES
  ('CPT', '90791', '2013-01-01', NULL, 'Mental health diagnostic evaluation, no medical services', 'per_encounter', NULL, NULL),
  ('CPT', '90792', '2013-01-01', NULL, 'Mental health diagnostic evaluation including medical services by a prescriber', 'per_encounter', NULL, NULL),
  ('CPT', '90832', '2013-01-01', NULL, 'One-to-one psychotherapy, short session (16 to 37 minutes)', 'per_session', 16, 37),
  ('CPT', '90834', '2013-01-01', NULL, 'One-to-one psychotherapy, standard session (38 to 52 minutes)', 'per_session', 38, 52),
  ('CPT', '90837', '2013-01-01', NULL, 'One-to-one psychotherapy, extended session (53 minutes or more)', 'per_session', 53, NULL),
  ('CPT', '90846', '2013-01-01', NULL, 'Family therapy session held without the patient', 'per_session', 26, NULL),
  ('CPT', '90847', '2013-01-01', NULL, 'Family therapy session held with the patient taking part', 'per_session', 26, NULL),
  ('CPT', '90849', '2000-01-01', NULL, 'Psychotherapy with a group made up of several families', 'per_session', NULL, NULL),
  ('CPT', '90853', '2000-01-01', NULL, 'Psychotherapy with a group of patients (not multi-family)', 'per_session', NULL, NULL),
  ('CPT', '90806', '2000-01-01', '2012-12-31', 'Office psychotherapy of about 45 minutes (retired; use the time-banded codes)', 'per_session', 45, 50),
  ('HCPCS', 'H0004', '2000-01-01', NULL, 'Behavioral health counseling or therapy, per 15 minutes', 'per_15_minutes', NULL, NULL),
  ('HCPCS', 'H0005', '2000-01-01', NULL, 'Group counseling for alcohol or drug use, led by a clinician', 'per_session', NULL, NULL),
  ('HCPCS', 'H0038', '2003-01-01', NULL, 'Peer support by a self-help or peer specialist, per 15 minutes', 'per_15_minutes', NULL, NULL),
  ('HCPCS', 'H2017', '2003-01-01', NULL, 'Psychosocial rehabilitation support, per 15 minutes', 'per_15_minutes', NULL, NULL),
  ('HCPCS', 'H2019', '2003-01-01', NULL, 'Therapeutic behavioral support, per 15 minutes', 'per_15_minutes', NULL, NULL),
  ('MODIFIER', 'HQ', '2000-01-01', NULL, 'Service given in a group setting', NULL, NULL, NULL),
  ('MODIFIER', 'HF', '2000-01-01', NULL, 'Given by a substance use disorder program', NULL, NULL, NULL),
  ('MODIFIER', 'HE', '2000-01-01', NULL, 'Given by a mental health program', NULL, NULL, NULL),
  ('MODIFIER', 'HK', '2000-01-01', NULL, 'Given by a specialized mental health program for high-risk groups', NULL, NULL, NULL),
  ('MODIFIER', '95', '2017-01-01', NULL, 'Delivered by live two-way audio and video telehealth', NULL, NULL, NULL),
  ('MODIFIER', 'GT', '2000-01-01', NULL, 'Delivered by interactive audio-video telecommunication (older telehealth modifier)', NULL, NULL, NULL);

-- ---------------------------------------------------------------------------------------------------------
-- PF-96 jurisdiction profiles: national reference data, SELECT only for the app role.
-- The values are configuration a billing team must confirm against the payer's current manuals; they are
-- seeded so that the group-encounter and peer-services features have realistic rules to apply.
ALTER TABLE pf_jurisdiction_profiles
  ADD CONSTRAINT pf_jurisdiction_profiles_rule_check CHECK (timed_unit_rule IN ('cms_8_minute', 'midpoint', 'whole_units')),
  ADD CONSTRAINT pf_jurisdiction_profiles_unit_check CHECK (timed_unit_minutes > 0),
  ADD CONSTRAINT pf_jurisdiction_profiles_group_minimum_check CHECK (group_minimum_minutes > 0),
  ADD CONSTRAINT pf_jurisdiction_profiles_state_check CHECK (state_code ~ '^[A-Z]{2}$' OR (state_code IS NULL AND is_default)),
  ADD CONSTRAINT pf_jurisdiction_profiles_json_check CHECK (jsonb_typeof(group_code_map) = 'object' AND jsonb_typeof(required_modifiers) = 'array');
-- At most one default profile.
CREATE UNIQUE INDEX pf_jurisdiction_profiles_one_default ON pf_jurisdiction_profiles (is_default) WHERE is_default;

ALTER TABLE pf_organizations ADD CONSTRAINT pf_organizations_jurisdiction_check CHECK (jurisdiction ~ '^[A-Z]{2}$');
ALTER TABLE pf_sites ADD CONSTRAINT pf_sites_jurisdiction_check CHECK (jurisdiction ~ '^[A-Z]{2}$');

INSERT INTO pf_jurisdiction_profiles (key, name, state_code, is_default, payer_program, timed_unit_rule, timed_unit_minutes,
  group_minimum_minutes, group_code_map, required_modifiers, effective_from) VALUES
  ('cms-default', 'CMS default', NULL, true, 'Medicare (CMS) national rules', 'cms_8_minute', 15, 16,
   '{"psychotherapy_group": {"system": "CPT", "code": "90853", "modifiers": []},
     "multi_family_group": {"system": "CPT", "code": "90849", "modifiers": []},
     "sud_group_counseling": {"system": "HCPCS", "code": "H0005", "modifiers": ["HF"]},
     "peer_support_group": {"system": "HCPCS", "code": "H0038", "modifiers": ["HQ"]},
     "psychosocial_rehabilitation_group": {"system": "HCPCS", "code": "H2017", "modifiers": ["HQ"]}}',
   '[{"modifier": "95", "when": "telehealth_video", "codes": null}]',
   '2024-01-01'),
  ('us-az-ahcccs', 'Arizona (AHCCCS)', 'AZ', false, 'AHCCCS (Arizona Medicaid)', 'midpoint', 15, 30,
   '{"psychotherapy_group": {"system": "CPT", "code": "90853", "modifiers": []},
     "multi_family_group": {"system": "CPT", "code": "90849", "modifiers": []},
     "sud_group_counseling": {"system": "HCPCS", "code": "H0005", "modifiers": ["HF"]},
     "peer_support_group": {"system": "HCPCS", "code": "H0038", "modifiers": []},
     "psychosocial_rehabilitation_group": {"system": "HCPCS", "code": "H2017", "modifiers": []}}',
   '[{"modifier": "HQ", "when": "group_setting", "codes": ["H0004", "H0005", "H0038", "H2017", "H2019"]},
     {"modifier": "HF", "when": "sud_program", "codes": ["H0004", "H0005"]},
     {"modifier": "GT", "when": "telehealth_video", "codes": null}]',
   '2024-01-01');

-- ---------------------------------------------------------------------------------------------------------
-- CL-11 Part 2 consents. A tenant table: visible exactly when its patient is (the subquery is itself under
-- the patients policy), written only in the context's organization. The app role may insert, and may update
-- only the revocation columns; a trigger refuses any change to a revoked consent (revocation is final).
ALTER TABLE cl_part2_consents
  ADD CONSTRAINT cl_part2_consents_type_check CHECK (consent_type IN ('tpo', 'specific_disclosure')),
  ADD CONSTRAINT cl_part2_consents_record_types_check CHECK (record_types IS NOT NULL AND cardinality(record_types) > 0),
  ADD CONSTRAINT cl_part2_consents_purposes_check CHECK (purposes IS NOT NULL AND cardinality(purposes) > 0),
  ADD CONSTRAINT cl_part2_consents_recipients_check CHECK (jsonb_typeof(recipients) = 'array' AND jsonb_array_length(recipients) > 0),
  ADD CONSTRAINT cl_part2_consents_expiry_check CHECK (expires_on IS NOT NULL OR expiration_event IS NOT NULL),
  ADD CONSTRAINT cl_part2_consents_dates_check CHECK (expires_on IS NULL OR expires_on >= effective_on),
  ADD CONSTRAINT cl_part2_consents_revocation_check CHECK ((revoked_at IS NULL) = (revoked_by IS NULL));

ALTER TABLE cl_part2_consents ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON cl_part2_consents FOR ALL
  USING (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org()))
         AND EXISTS (SELECT 1 FROM cl_patients p WHERE p.organization_id = cl_part2_consents.organization_id AND p.id = cl_part2_consents.patient_id))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())));

GRANT SELECT, INSERT ON cl_part2_consents TO cairn_app;
GRANT UPDATE (revoked_at, revoked_by, revocation_method) ON cl_part2_consents TO cairn_app;

CREATE FUNCTION cl_part2_consent_guard() RETURNS trigger LANGUAGE plpgsql
  AS $$
  BEGIN
    IF OLD.revoked_at IS NOT NULL THEN
      RAISE EXCEPTION 'a revoked Part 2 consent cannot change' USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
  END
  $$;
CREATE TRIGGER cl_part2_consents_final_revocation BEFORE UPDATE ON cl_part2_consents
  FOR EACH ROW EXECUTE FUNCTION cl_part2_consent_guard();
REVOKE EXECUTE ON FUNCTION cl_part2_consent_guard() FROM PUBLIC;

-- Which disclosure purposes each role's access serves. A consent covers a user only for a purpose one of
-- their roles in the organization serves (a billing coordinator reads for payment, a clinician for treatment).
INSERT INTO cl_part2_role_purposes (role_key, purpose) VALUES
  ('clinician', 'treatment'), ('peer_specialist', 'treatment'),
  ('supervisor', 'treatment'), ('supervisor', 'health_care_operations'),
  ('treatment_coordinator', 'treatment'), ('treatment_coordinator', 'health_care_operations'),
  ('billing_coordinator', 'payment'),
  ('front_desk', 'health_care_operations'), ('practice_manager', 'health_care_operations'),
  ('owner', 'health_care_operations'), ('admin', 'health_care_operations');

-- cl_check_sud_consent(chart, record type, user): may this user see this kind of record of this chart?
-- True for a chart that is not under Part 2. For a Part 2 chart, true only when an active consent of that
-- chart (not revoked, effective today, not expired) lists the record type (or '*'), names a purpose one of the
-- user's active roles in the chart's organization serves, and names a recipient covering the user: the
-- chart's organization, one of those roles, or the chart's Part 2 program when the user is on the patient's
-- current care team. False for an unknown chart or one outside the context's organization.
-- SECURITY DEFINER (owned by the BYPASSRLS owner) so RLS policies can call it without recursing into the
-- policies of the tables it reads; STABLE so the planner may evaluate it once per distinct argument set.
CREATE FUNCTION cl_check_sud_consent(p_chart_id uuid, p_record_type text, p_user_id uuid) RETURNS boolean
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
    SELECT COALESCE((
      SELECT CASE
        WHEN NOT ch.is_part2 THEN true
        WHEN p_user_id IS NULL OR p_record_type IS NULL THEN false
        ELSE EXISTS (
          SELECT 1
          FROM cl_part2_consents c
          JOIN pf_role_bindings b ON b.organization_id = ch.organization_id AND b.staff_user_id = p_user_id AND b.revoked_at IS NULL
          JOIN pf_staff_users u ON u.id = b.staff_user_id AND u.status = 'active'
          WHERE c.organization_id = ch.organization_id AND c.chart_id = ch.id
            AND c.revoked_at IS NULL
            AND c.effective_on <= current_date
            AND (c.expires_on IS NULL OR c.expires_on >= current_date)
            AND (p_record_type = ANY (c.record_types) OR '*' = ANY (c.record_types))
            AND EXISTS (SELECT 1 FROM cl_part2_role_purposes rp WHERE rp.role_key = b.role_key AND rp.purpose = ANY (c.purposes))
            AND EXISTS (
              SELECT 1 FROM jsonb_array_elements(c.recipients) r
              WHERE (r->>'type' = 'organization' AND r->>'organizationId' = ch.organization_id::text)
                 OR (r->>'type' = 'role' AND r->>'roleKey' = b.role_key)
                 OR (r->>'type' = 'program' AND r->>'programName' = ch.part2_program_name
                     AND EXISTS (SELECT 1 FROM cl_care_team_assignments a
                                 WHERE a.organization_id = ch.organization_id AND a.patient_id = ch.patient_id
                                   AND a.staff_user_id = p_user_id AND a.started_on <= current_date
                                   AND (a.ended_on IS NULL OR a.ended_on >= current_date)))))
        END
      FROM cl_charts ch
      WHERE ch.id = p_chart_id AND ch.organization_id = pf_ctx_org()), false)
  $$;
REVOKE EXECUTE ON FUNCTION cl_check_sud_consent(uuid, text, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cl_check_sud_consent(uuid, text, uuid) TO cairn_app;

-- ---------------------------------------------------------------------------------------------------------
-- Permission keys (also in libs/platform/tenancy/src/permissions.ts).
INSERT INTO pf_permissions (key, description) VALUES
  ('code-library.view', 'Look up billing codes and modifiers (PF-70)'),
  ('jurisdiction.view', 'Read the jurisdiction profile (billing rules) that applies to the organization or a site'),
  ('cl.consents.view', 'Read a patient''s 42 CFR Part 2 consents'),
  ('cl.consents.manage', 'Record and revoke a patient''s 42 CFR Part 2 consents');

INSERT INTO pf_role_permissions (role_key, permission_key)
SELECT r, p FROM (VALUES ('clinician'), ('peer_specialist'), ('supervisor'), ('billing_coordinator'), ('front_desk'),
                         ('treatment_coordinator'), ('practice_manager'), ('owner'), ('admin')) AS roles(r)
CROSS JOIN (VALUES ('code-library.view'), ('jurisdiction.view')) AS keys(p)
UNION ALL
SELECT r, 'cl.consents.view' FROM (VALUES ('clinician'), ('peer_specialist'), ('supervisor'), ('billing_coordinator'), ('front_desk'),
                                          ('treatment_coordinator'), ('practice_manager'), ('owner'), ('admin')) AS roles(r)
UNION ALL
SELECT r, 'cl.consents.manage' FROM (VALUES ('clinician'), ('supervisor'), ('front_desk'), ('treatment_coordinator'),
                                            ('owner'), ('admin')) AS roles(r);
