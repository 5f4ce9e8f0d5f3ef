-- Inbound feed API (issue 16 item 10, ADR 0017): a connected system (phone statistics, a lab, a payments
-- processor, the portal until it exists) posts pre-aggregated values for one organization with a credential an
-- admin was shown once. Only the credential's SHA-256 is stored.
CREATE TABLE "ds_inbound_feeds" (
    "organization_id" UUID NOT NULL,
    "feed_key" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "update_model" TEXT NOT NULL,
    "expected_interval_seconds" INTEGER NOT NULL,
    "credential_hash" TEXT NOT NULL,
    "created_by" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(6),
    CONSTRAINT "ds_inbound_feeds_pkey" PRIMARY KEY ("organization_id", "feed_key"),
    CONSTRAINT "ds_inbound_feeds_key_check" CHECK (feed_key ~ '^[a-z][a-z0-9-]{1,40}$'),
    CONSTRAINT "ds_inbound_feeds_domain_check" CHECK (domain IN ('Operational', 'Clinical', 'Financial', 'Compliance', 'Engagement')),
    CONSTRAINT "ds_inbound_feeds_update_model_check" CHECK (update_model IN ('real-time', 'near-real-time', 'batch')),
    CONSTRAINT "ds_inbound_feeds_interval_check" CHECK (expected_interval_seconds BETWEEN 1 AND 604800)
);
CREATE UNIQUE INDEX "ds_inbound_feeds_credential_hash_key" ON "ds_inbound_feeds"("credential_hash");

-- The sender's submission ids: a repeated id is a duplicate, never applied twice.
CREATE TABLE "ds_feed_submissions" (
    "organization_id" UUID NOT NULL,
    "feed_key" TEXT NOT NULL,
    "sender_id" TEXT NOT NULL,
    "received_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "values_count" INTEGER NOT NULL,
    CONSTRAINT "ds_feed_submissions_pkey" PRIMARY KEY ("organization_id", "feed_key", "sender_id"),
    CONSTRAINT "ds_feed_submissions_feed_fkey" FOREIGN KEY ("organization_id", "feed_key") REFERENCES "ds_inbound_feeds"("organization_id", "feed_key") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- Admins register feeds in their request (a user); a feed's posts run in the system context of its organization.
ALTER TABLE ds_inbound_feeds ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON ds_inbound_feeds FOR ALL
  USING (organization_id = pf_ctx_org() AND ((SELECT pf_has_org_access(pf_ctx_org())) OR pf_ctx_is_system()))
  WITH CHECK (organization_id = pf_ctx_org() AND (SELECT pf_has_org_access(pf_ctx_org())));
GRANT SELECT, INSERT, UPDATE ON ds_inbound_feeds TO cairn_app;

ALTER TABLE ds_feed_submissions ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_scope ON ds_feed_submissions FOR ALL
  USING (organization_id = pf_ctx_org() AND ((SELECT pf_has_org_access(pf_ctx_org())) OR pf_ctx_is_system()))
  WITH CHECK (organization_id = pf_ctx_org() AND ((SELECT pf_has_org_access(pf_ctx_org())) OR pf_ctx_is_system()));
GRANT SELECT, INSERT ON ds_feed_submissions TO cairn_app;

-- Which organization a feed's credential posts for: the one question asked outside any tenant (the caller has no
-- session). Answers nothing for an unknown key, a wrong credential or a revoked feed.
CREATE FUNCTION ds_feed_authenticate(p_feed_key text, p_credential_hash text)
RETURNS TABLE (organization_id uuid, update_model text, expected_interval_seconds integer)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = public, pg_temp
AS $$
  SELECT f.organization_id, f.update_model, f.expected_interval_seconds
    FROM ds_inbound_feeds f
   WHERE f.feed_key = p_feed_key AND f.credential_hash = p_credential_hash AND f.revoked_at IS NULL
$$;
REVOKE ALL ON FUNCTION ds_feed_authenticate(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ds_feed_authenticate(text, text) TO cairn_app;
