export { AccessModule } from './access.module';
// The access-rule decorators and the permission catalogue live in tenancy (so that every library can declare
// its routes' rules without depending on the auth implementation); re-exported here for convenience.
export { ACCESS_RULE, Authenticated, Public, RequirePermission, PERMISSIONS, ROLE_KEYS } from '@cairn/platform/tenancy';
export type { AccessRule, PermissionKey, RoleKey } from '@cairn/platform/tenancy';
export { PasswordHasher } from './auth/password-hasher';
export { LoginThrottle, loginFailurePrefix } from './auth/login-throttle';
export type { LoginRealm, ThrottleState } from './auth/login-throttle';
export { ORGANIZATION_HEADER, SITE_HEADER } from './guards/access.guard';
