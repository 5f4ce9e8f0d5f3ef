-- CreateTable
CREATE TABLE "cl_patients" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "site_id" UUID NOT NULL,
    "first_name" TEXT NOT NULL,
    "middle_name" TEXT,
    "last_name" TEXT NOT NULL,
    "preferred_name" TEXT,
    "date_of_birth" DATE NOT NULL,
    "sex_at_birth" TEXT,
    "gender_identity" TEXT,
    "pronouns" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "address_line1" TEXT,
    "address_line2" TEXT,
    "city" TEXT,
    "state" TEXT,
    "postal_code" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_by" UUID,

    CONSTRAINT "cl_patients_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "cl_charts" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "mrn" TEXT NOT NULL,
    "is_part2" BOOLEAN NOT NULL DEFAULT false,
    "part2_program_name" TEXT,
    "status" TEXT NOT NULL DEFAULT 'open',
    "opened_on" DATE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_on" DATE,

    CONSTRAINT "cl_charts_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "cl_care_team_assignments" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "patient_id" UUID NOT NULL,
    "staff_user_id" UUID NOT NULL,
    "role" TEXT NOT NULL,
    "started_on" DATE NOT NULL,
    "ended_on" DATE,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cl_care_team_assignments_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "cl_mrn_counters" (
    "organization_id" UUID NOT NULL,
    "next_value" BIGINT NOT NULL DEFAULT 1,

    CONSTRAINT "cl_mrn_counters_pkey" PRIMARY KEY ("organization_id")
);

-- CreateTable
CREATE TABLE "pf_organizations" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'America/Phoenix',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pf_organizations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pf_sites" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'America/Phoenix',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pf_sites_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "pf_staff_users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_login_at" TIMESTAMPTZ(6),

    CONSTRAINT "pf_staff_users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pf_roles" (
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,

    CONSTRAINT "pf_roles_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "pf_permissions" (
    "key" TEXT NOT NULL,
    "description" TEXT NOT NULL,

    CONSTRAINT "pf_permissions_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "pf_role_permissions" (
    "role_key" TEXT NOT NULL,
    "permission_key" TEXT NOT NULL,

    CONSTRAINT "pf_role_permissions_pkey" PRIMARY KEY ("role_key","permission_key")
);

-- CreateTable
CREATE TABLE "pf_role_bindings" (
    "organization_id" UUID NOT NULL,
    "id" UUID NOT NULL,
    "staff_user_id" UUID NOT NULL,
    "role_key" TEXT NOT NULL,
    "all_sites" BOOLEAN NOT NULL DEFAULT true,
    "site_ids" UUID[] DEFAULT ARRAY[]::UUID[],
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(6),

    CONSTRAINT "pf_role_bindings_pkey" PRIMARY KEY ("organization_id","id")
);

-- CreateTable
CREATE TABLE "pf_refresh_tokens" (
    "id" UUID NOT NULL,
    "staff_user_id" UUID NOT NULL,
    "family_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "issued_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(6) NOT NULL,
    "used_at" TIMESTAMPTZ(6),
    "revoked_at" TIMESTAMPTZ(6),

    CONSTRAINT "pf_refresh_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pf_audit_events" (
    "chain_key" UUID NOT NULL,
    "id" BIGSERIAL NOT NULL,
    "seq" BIGINT,
    "organization_id" UUID,
    "occurred_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_user_id" UUID,
    "actor_type" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "resource_type" TEXT NOT NULL,
    "resource_id" TEXT,
    "patient_id" UUID,
    "scope" JSONB NOT NULL DEFAULT '{}',
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "request_id" TEXT,
    "ip" TEXT,
    "prev_hash" TEXT,
    "hash" TEXT,

    CONSTRAINT "pf_audit_events_pkey" PRIMARY KEY ("chain_key","id")
);

-- CreateTable
CREATE TABLE "pf_audit_chain_heads" (
    "chain_key" UUID NOT NULL,
    "seq" BIGINT NOT NULL,
    "last_hash" TEXT NOT NULL,

    CONSTRAINT "pf_audit_chain_heads_pkey" PRIMARY KEY ("chain_key")
);

-- CreateIndex
CREATE INDEX "cl_patients_organization_id_site_id_idx" ON "cl_patients"("organization_id", "site_id");

-- CreateIndex
CREATE INDEX "cl_patients_organization_id_last_name_first_name_idx" ON "cl_patients"("organization_id", "last_name", "first_name");

-- CreateIndex
CREATE INDEX "cl_patients_organization_id_date_of_birth_idx" ON "cl_patients"("organization_id", "date_of_birth");

-- CreateIndex
CREATE UNIQUE INDEX "cl_charts_organization_id_patient_id_key" ON "cl_charts"("organization_id", "patient_id");

-- CreateIndex
CREATE UNIQUE INDEX "cl_charts_organization_id_mrn_key" ON "cl_charts"("organization_id", "mrn");

-- CreateIndex
CREATE INDEX "cl_care_team_assignments_organization_id_staff_user_id_idx" ON "cl_care_team_assignments"("organization_id", "staff_user_id");

-- CreateIndex
CREATE INDEX "cl_care_team_assignments_organization_id_patient_id_idx" ON "cl_care_team_assignments"("organization_id", "patient_id");

-- CreateIndex
CREATE UNIQUE INDEX "pf_organizations_slug_key" ON "pf_organizations"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "pf_sites_organization_id_code_key" ON "pf_sites"("organization_id", "code");

-- CreateIndex
CREATE UNIQUE INDEX "pf_staff_users_email_key" ON "pf_staff_users"("email");

-- CreateIndex
CREATE INDEX "pf_role_bindings_staff_user_id_idx" ON "pf_role_bindings"("staff_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "pf_role_bindings_organization_id_staff_user_id_role_key_key" ON "pf_role_bindings"("organization_id", "staff_user_id", "role_key");

-- CreateIndex
CREATE UNIQUE INDEX "pf_refresh_tokens_token_hash_key" ON "pf_refresh_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "pf_refresh_tokens_family_id_idx" ON "pf_refresh_tokens"("family_id");

-- CreateIndex
CREATE INDEX "pf_refresh_tokens_staff_user_id_idx" ON "pf_refresh_tokens"("staff_user_id");

-- CreateIndex
CREATE INDEX "pf_audit_events_organization_id_occurred_at_idx" ON "pf_audit_events"("organization_id", "occurred_at");

-- CreateIndex
CREATE INDEX "pf_audit_events_organization_id_patient_id_occurred_at_idx" ON "pf_audit_events"("organization_id", "patient_id", "occurred_at");

-- CreateIndex
CREATE INDEX "pf_audit_events_organization_id_actor_user_id_occurred_at_idx" ON "pf_audit_events"("organization_id", "actor_user_id", "occurred_at");

-- CreateIndex
CREATE UNIQUE INDEX "pf_audit_events_chain_key_seq_key" ON "pf_audit_events"("chain_key", "seq");

-- AddForeignKey
ALTER TABLE "cl_charts" ADD CONSTRAINT "cl_charts_organization_id_patient_id_fkey" FOREIGN KEY ("organization_id", "patient_id") REFERENCES "cl_patients"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cl_care_team_assignments" ADD CONSTRAINT "cl_care_team_assignments_organization_id_patient_id_fkey" FOREIGN KEY ("organization_id", "patient_id") REFERENCES "cl_patients"("organization_id", "id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pf_sites" ADD CONSTRAINT "pf_sites_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "pf_organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pf_role_permissions" ADD CONSTRAINT "pf_role_permissions_role_key_fkey" FOREIGN KEY ("role_key") REFERENCES "pf_roles"("key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pf_role_permissions" ADD CONSTRAINT "pf_role_permissions_permission_key_fkey" FOREIGN KEY ("permission_key") REFERENCES "pf_permissions"("key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pf_role_bindings" ADD CONSTRAINT "pf_role_bindings_organization_id_fkey" FOREIGN KEY ("organization_id") REFERENCES "pf_organizations"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pf_role_bindings" ADD CONSTRAINT "pf_role_bindings_staff_user_id_fkey" FOREIGN KEY ("staff_user_id") REFERENCES "pf_staff_users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pf_role_bindings" ADD CONSTRAINT "pf_role_bindings_role_key_fkey" FOREIGN KEY ("role_key") REFERENCES "pf_roles"("key") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pf_refresh_tokens" ADD CONSTRAINT "pf_refresh_tokens_staff_user_id_fkey" FOREIGN KEY ("staff_user_id") REFERENCES "pf_staff_users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
