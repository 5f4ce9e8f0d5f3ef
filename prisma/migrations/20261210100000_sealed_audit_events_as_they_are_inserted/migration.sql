-- Seal each audit event as it is inserted: one write of the row. Until now a row was inserted unsealed and a
-- deferred constraint trigger sealed it at COMMIT with an UPDATE, so every event and every index of the table was
-- written twice (issue 22, docs/performance/api-read.md).
--
-- The BEFORE INSERT trigger now takes the chain head's row lock, numbers the row, links it to the previous hash and
-- hashes it. The lock is held from the insert to the end of the transaction, so the app sends its audit inserts
-- together with the COMMIT, in one message (the tenant pool's at-commit statements, libs/platform/db): the lock is
-- then held only inside the commit's round trip, as before. A row inserted earlier in a transaction is still sealed
-- correctly; its organization's other writers just wait for that transaction to end.
CREATE OR REPLACE FUNCTION pf_audit_prepare() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp
  AS $$
  DECLARE
    head record;
  BEGIN
    NEW.chain_key := COALESCE(NEW.organization_id, '00000000-0000-0000-0000-000000000000'::uuid);
    NEW.occurred_at := COALESCE(NEW.occurred_at, now());
    SELECT h.seq, h.last_hash INTO head FROM pf_audit_chain_heads h WHERE h.chain_key = NEW.chain_key FOR UPDATE;
    IF NOT FOUND THEN
      INSERT INTO pf_audit_chain_heads (chain_key, seq, last_hash)
        VALUES (NEW.chain_key, 0, repeat('0', 64)) ON CONFLICT (chain_key) DO NOTHING;
      SELECT h.seq, h.last_hash INTO head FROM pf_audit_chain_heads h WHERE h.chain_key = NEW.chain_key FOR UPDATE;
    END IF;
    -- Whatever the writer claimed, the chain decides the position, the link and the hash.
    NEW.seq := head.seq + 1;
    NEW.prev_hash := head.last_hash;
    NEW.hash := pf_audit_hash(NEW);
    UPDATE pf_audit_chain_heads SET seq = NEW.seq, last_hash = NEW.hash WHERE chain_key = NEW.chain_key;
    RETURN NEW;
  END
  $$;

REVOKE EXECUTE ON FUNCTION pf_audit_prepare() FROM PUBLIC;

-- Every row is born sealed, so the deferred seal goes, and with it the one UPDATE the table allowed.
DROP TRIGGER pf_audit_events_seal ON pf_audit_events;
DROP FUNCTION pf_audit_seal();

CREATE OR REPLACE FUNCTION pf_audit_reject_change() RETURNS trigger LANGUAGE plpgsql
  AS $$
  BEGIN
    RAISE EXCEPTION 'pf_audit_events is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
  END
  $$;
