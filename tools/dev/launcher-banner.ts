export interface BannerLogin {
  email: string;
  role: string;
  sites: readonly string[] | 'all';
}

export interface BannerInput {
  apiPort: number;
  workerPort: number;
  /** Web apps that are running (staff web, portal), when they exist. */
  webApps: { name: string; port: number }[];
  database: string;
  redis: string;
  logins: readonly BannerLogin[];
  /** Client portal logins (same password), when the portal demo data is seeded. */
  portalLogins?: readonly { email: string; org: string }[];
  password: string;
}

/** What `npm start` prints once everything answers: where things are and how to sign in. */
export function formatBanner(b: BannerInput): string {
  const url = (port: number, path = '') => `http://localhost:${port}${path}`;
  const row = (label: string, value: string) => `  ${label.padEnd(18)}${value}`;
  return [
    '',
    'Cairn is running.',
    '',
    row('API', url(b.apiPort, '/api/v1')),
    row('OpenAPI UI', url(b.apiPort, '/api/docs')),
    row('OpenAPI JSON', url(b.apiPort, '/api/docs-json')),
    row('API health', url(b.apiPort, '/health')),
    row('API metrics', url(b.apiPort, '/metrics')),
    row('Worker health', url(b.workerPort, '/health')),
    row('Worker metrics', url(b.workerPort, '/metrics')),
    ...b.webApps.map((w) => row(w.name, url(w.port))),
    row('Database', b.database),
    row('Redis', b.redis),
    '',
    `Demo logins (password ${b.password}):`,
    ...b.logins.map((l) => `  ${l.email.padEnd(34)}${l.role}${l.sites === 'all' ? '' : ` (${l.sites.join(', ')} only)`}`),
    ...(b.portalLogins?.length
      ? ['', 'Client portal logins (same password):', ...b.portalLogins.map((l) => `  ${l.email.padEnd(34)}portal client (${l.org})`)]
      : []),
    '',
    'Sign in: POST /api/v1/auth/login with {"email", "password"}' +
      (b.portalLogins?.length ? ' (portal clients: POST /api/v1/portal/auth/login)' : '') +
      '. Press Ctrl-C to stop everything.',
    '',
  ].join('\n');
}
