export {
  CLS_CLIENT_IP,
  CLS_PRINCIPAL,
  CLS_REQUEST_ID,
  buildTenantContext,
  organizationsOf,
  permissionsIn,
  sitesWithPermission,
} from './request-context';
export type { Principal, RoleGrant, TenantContext } from './request-context';
export { RequestContextService } from './request-context.service';
export { TenancyModule } from './tenancy.module';
export { ACCESS_RULE, Authenticated, Public, RequirePermission } from './access.decorators';
export type { AccessRule } from './access.decorators';
export { PERMISSIONS, ROLE_KEYS } from './permissions';
export type { PermissionKey, RoleKey } from './permissions';
