import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiHeader, ApiUnauthorizedResponse } from '@nestjs/swagger';

import type { PermissionKey } from './permissions';

export const ACCESS_RULE = 'cairn.accessRule';

/** How a route is protected. Every route must declare one (a test walks the routes and checks). */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'permission'; permission: PermissionKey }
  /** A portal client's route: only a portal access token opens it (PortalAuthenticator), never a staff token. */
  | { kind: 'portal-client' };

const ORG_HEADER_DOC = ApiHeader({
  name: 'X-Organization-Id',
  required: false,
  description: 'The organization the request acts in. Required when the caller belongs to more than one.',
});
const SITE_HEADER_DOC = ApiHeader({
  name: 'X-Site-Id',
  required: false,
  description: 'Narrows the request to one site; it must be one the caller holds the permission at.',
});

/**
 * The caller must hold `permission` in the organization of the request (and at the site, when one is named).
 * Also documents the route in OpenAPI: bearer auth, the permission key (x-permission and the description), 401/403.
 */
export function RequirePermission(permission: PermissionKey): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'permission', permission } satisfies AccessRule),
    ApiBearerAuth(),
    ApiExtension('x-permission', permission),
    ORG_HEADER_DOC,
    SITE_HEADER_DOC,
    ApiUnauthorizedResponse({ description: 'Missing, expired or revoked access token (problem+json)' }),
    ApiForbiddenResponse({ description: `Requires permission \`${permission}\` (problem+json)` }),
  );
}

/** Any signed-in staff user (no permission key), e.g. GET /me and logout. */
export function Authenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'authenticated' } satisfies AccessRule),
    ApiBearerAuth(),
    ApiExtension('x-permission', 'authenticated'),
    ApiUnauthorizedResponse({ description: 'Missing, expired or revoked access token (problem+json)' }),
  );
}

/** No authentication (login, refresh, health). */
export function Public(): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(ACCESS_RULE, { kind: 'public' } satisfies AccessRule), ApiExtension('x-permission', 'public'));
}

/**
 * A route of the client portal: only a signed-in portal client (a portal access token, audience cairn-portal, of a
 * live session of an active account) may call it; staff tokens are refused. The global guard hands the request to
 * the PortalAuthenticator the portal context provides, which sets the client's tenant context (ADR 0015).
 */
export function PortalClient(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_RULE, { kind: 'portal-client' } satisfies AccessRule),
    ApiBearerAuth('portal'),
    ApiExtension('x-permission', 'portal-client'),
    ApiUnauthorizedResponse({ description: 'Missing, expired or revoked portal access token, or a staff token (problem+json)' }),
  );
}
