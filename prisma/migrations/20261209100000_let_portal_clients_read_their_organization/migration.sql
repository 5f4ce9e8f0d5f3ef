-- A portal client's transaction reads its own organization's row: the portal dates a client's records (mood entries,
-- prompt answers, homework due days, card expiry) by the organization's calendar day, in its time zone. The staff-only
-- policy hid the row from the client, so the handlers fell back to UTC: between UTC midnight and the organization's
-- midnight a mood logged "today" was dated tomorrow and left out of the therapist's trend, which ends today.
-- Only the row of the context's organization, and only while the client's account and patient are active
-- (pf_ctx_portal_patient() is NULL otherwise, and in every staff or system transaction).
CREATE POLICY portal_client_read ON pf_organizations FOR SELECT
  USING (id = pf_ctx_org() AND (SELECT pf_ctx_portal_patient()) IS NOT NULL);
