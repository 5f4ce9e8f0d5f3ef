/** What /config.js (loaded by index.html before the app) may set: see apps/portal-web/public/config.js. */
export interface RuntimeConfig {
  apiBaseUrl?: string;
}

/**
 * The origin the API is called on: `window.CAIRN_CONFIG.apiBaseUrl` when deploy-time config sets one (without a
 * trailing slash), else the page's own origin. Never baked into the bundle, so one build serves every deployment.
 */
export function apiBaseUrl(config: RuntimeConfig | undefined, pageOrigin: string): string {
  const configured = config?.apiBaseUrl?.trim();
  return configured ? configured.replace(/\/+$/, '') : pageOrigin;
}

export const API_BASE_URL = apiBaseUrl((window as { CAIRN_CONFIG?: RuntimeConfig }).CAIRN_CONFIG, window.location.origin);
