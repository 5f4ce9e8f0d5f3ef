-- The permission of the staff directory (GET /api/v1/staff-directory): the names and roles of the staff bound to
-- the caller's organization, so screens can show a care-team member or a provider by name instead of by id.
-- Staff names are not PHI, and every role needs them (HR's productivity report names its providers), so every
-- role holds it. No table or policy: the directory reads pf_role_bindings under its existing tenant_read policy
-- (only the context organization's bindings are visible) and pf_staff_users, which cairn_app may already read.
INSERT INTO pf_permissions (key, description) VALUES
  ('staff-directory.view', 'Look up the names and roles of the staff of the organization');
INSERT INTO pf_role_permissions (role_key, permission_key)
  SELECT r.key, 'staff-directory.view' FROM pf_roles r;
