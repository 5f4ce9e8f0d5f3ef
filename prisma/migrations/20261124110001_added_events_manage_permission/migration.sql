-- The permission of the failed-events admin API (GET /api/v1/admin/events/failed, POST .../:id/retry).
-- Administrators and owners only: retrying re-runs an effect (e.g. a charge) for the whole organization.
INSERT INTO pf_permissions (key, description) VALUES
  ('platform.events.manage', 'Inspect integration events that failed after their last attempt and retry them');
INSERT INTO pf_role_permissions (role_key, permission_key) VALUES
  ('owner', 'platform.events.manage'), ('admin', 'platform.events.manage');
