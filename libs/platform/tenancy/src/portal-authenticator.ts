import type { Request } from 'express';

/**
 * Authenticates the request of a @PortalClient() route: verifies the portal access token, checks its session is
 * alive, and sets the client's principal and tenant context (RequestContextService). The portal context provides
 * the implementation; the global access guard calls it, so no portal route can be reached without it (a missing
 * implementation refuses every portal route). Throws 401 on any refusal, the same answer whatever the reason.
 */
export abstract class PortalAuthenticator {
  abstract authenticate(req: Request): Promise<void>;
}
