-- The head of every audit chain (one per organization, plus the organization-less chain), for the worker that
-- publishes signed checkpoints of them outside the database (ADR 0009). Positions and hashes only: no event
-- content, no PHI. SECURITY DEFINER because the app role has no grant on pf_audit_chain_heads and the worker
-- reads every organization's head without a tenant context.
CREATE FUNCTION pf_audit_current_heads()
  RETURNS TABLE (chain_key uuid, seq bigint, last_hash text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
  AS $$ SELECT h.chain_key, h.seq, h.last_hash FROM pf_audit_chain_heads h ORDER BY h.chain_key $$;

REVOKE EXECUTE ON FUNCTION pf_audit_current_heads() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pf_audit_current_heads() TO cairn_app;
