export {
  CLS_CLIENT_IP,
  CLS_PORTAL_CLIENT,
  CLS_PRINCIPAL,
  CLS_REQUEST_ID,
  buildTenantContext,
  organizationsOf,
  permissionsIn,
  sitesWithPermission,
} from './request-context';
export type { PortalClientPrincipal, Principal, RoleGrant, TenantContext } from './request-context';
export { PortalAuthenticator } from './portal-authenticator';
export { RequestContextService } from './request-context.service';
export { TenancyModule } from './tenancy.module';
export { ACCESS_RULE, Authenticated, PortalClient, Public, RequirePermission } from './access.decorators';
export type { AccessRule } from './access.decorators';
export { PERMISSIONS, ROLE_KEYS } from './permissions';
export type { PermissionKey, RoleKey } from './permissions';
