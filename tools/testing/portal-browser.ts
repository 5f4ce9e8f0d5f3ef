import type { Browser, BrowserContext, Page } from 'playwright-core';

/**
 * What the browser tests of the client portal share (apps/portal-web/e2e and the staff web's scenarios that span
 * both apps): sign-in and API calls as a demo user, the checks every portal screen must pass (988 visible, no
 * sideways scrolling), and booking an appointment through the staff API. Test code only (`@cairn/testing`).
 */
export interface PortalServers {
  /** The built portal served by `vite preview`, proxying /api to the API. */
  portal: string;
  api: string;
}

/** The staff web's PageAuditor (screenshot, then axe; throws on a serious or critical violation). */
export interface Auditor {
  check(page: Page, name: string): Promise<void>;
}

export const DEMO_PASSWORD = 'demo-password-1';
export const WIDTHS = [390, 768, 1280] as const;
export type PortalTest = [string, (browser: Browser) => Promise<void>];

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

/** A 1x1 PNG: the API detects the content type from the bytes, so the upload must be a real picture. */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

export async function login(base: string, path: string, email: string): Promise<string> {
  const r = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password: DEMO_PASSWORD }),
  });
  assert(r.ok, `login of ${email} at ${path} answered ${r.status}`);
  return ((await r.json()) as { accessToken: string }).accessToken;
}

export async function getJson<T>(base: string, path: string, token: string): Promise<T> {
  const r = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  assert(r.ok, `GET ${path} answered ${r.status}`);
  return (await r.json()) as T;
}

/** A request to the API with a bearer token and a JSON body (or none); the parsed answer, or a failed assertion. */
export async function sendJson<T>(base: string, method: string, path: string, token: string, body?: unknown): Promise<T> {
  const r = await fetch(`${base}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  assert(r.ok, `${method} ${path} answered ${r.status}: ${await r.clone().text()}`);
  return (await r.json()) as T;
}

/** 988 is on every screen, visible without scrolling, one tap away. */
export async function lifelineVisible(page: Page, what: string): Promise<void> {
  const link = page.getByRole('region', { name: 'Crisis help' }).getByRole('link', { name: 'Call or text 988' });
  assert(await link.isVisible(), `988 is visible on ${what}`);
  assert((await link.getAttribute('href')) === 'tel:988', `988 on ${what} is a tel: link`);
  const box = await link.boundingBox();
  assert(box && box.y >= 0 && box.y < (page.viewportSize()?.height ?? 0), `988 on ${what} is within the first screen`);
}

export async function signIn(page: Page, portal: string, email: string): Promise<void> {
  await page.goto(`${portal}/login`);
  await page.getByText('Demo accounts (for trying Cairn)').click();
  await page.getByRole('button', { name: `Use ${email}` }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('heading', { name: 'Hello', level: 1 }).waitFor();
}

/**
 * Opens a screen of the navigation: its entry in the main navigation where it shows (the phone's bottom bar, or the
 * side navigation from 768 px), else through the phone's More tab.
 */
export async function openScreen(page: Page, label: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const link = nav.getByRole('link', { name: label, exact: true });
  if (await link.isVisible()) await link.click();
  else {
    await nav.getByRole('link', { name: 'More', exact: true }).click();
    await page.getByRole('heading', { name: 'More', level: 1 }).waitFor();
    await page.getByRole('main').getByRole('link', { name: label, exact: true }).click();
  }
}

export async function newPage(browser: Browser, width: number): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ acceptDownloads: true, viewport: { width, height: width < 700 ? 844 : 900 } });
  return { ctx, page: await ctx.newPage() };
}

/**
 * Books an appointment in PM through the staff API as front desk, between `startHours` and `endHours` from now, with
 * the patient's own site; moves it to `status` when given (e.g. `completed`, which prompts a session review).
 */
export async function bookAppointment(
  api: string,
  a: { patientId: string; providerId: string; startHours: number; endHours: number; status?: string },
): Promise<string> {
  const desk = await login(api, '/api/v1/auth/login', 'frontdesk@sonoran.cairn.test');
  const patient = await getJson<{ siteId: string }>(api, `/api/v1/patients/${a.patientId}`, desk);
  const at = (h: number) => new Date(Date.now() + h * 3600_000).toISOString();
  const send = async (path: string, body: unknown) => {
    const r = await fetch(`${api}${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${desk}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!r.ok) assert(false, `POST ${path} answered ${r.status}: ${await r.text()}`);
    return (await r.json()) as { id: string };
  };
  const booked = await send('/api/v1/pm/appointments', {
    siteId: patient.siteId,
    providerId: a.providerId,
    patientId: a.patientId,
    serviceType: 'psychotherapy-45',
    startAt: at(a.startHours),
    endAt: at(a.endHours),
  });
  if (a.status) await send(`/api/v1/pm/appointments/${booked.id}/status`, { status: a.status });
  return booked.id;
}

/** A staff user's id, as they see themselves (`GET /api/v1/me`). */
export async function staffUserId(api: string, email: string): Promise<string> {
  const token = await login(api, '/api/v1/auth/login', email);
  return (await getJson<{ user: { id: string } }>(api, '/api/v1/me', token)).user.id;
}

/** The demo data's appointments are around its own date: gives the client a session to prepare, 3 days ahead. */
export async function ensureUpcomingAppointment(api: string, client: string, therapist: string): Promise<void> {
  const token = await login(api, '/api/v1/portal/auth/login', client);
  const upcoming = await getJson<{ status: string; startAt: string }[]>(api, '/api/v1/portal/appointments/upcoming', token);
  if (upcoming.some((a) => a.status === 'scheduled' && Date.parse(a.startAt) > Date.now() + 3600_000)) return;
  const { patientId } = await getJson<{ patientId: string }>(api, '/api/v1/portal/dashboard', token);
  await bookAppointment(api, { patientId, providerId: await staffUserId(api, therapist), startHours: 72, endHours: 72.75 });
}

/**
 * A marker unique to one test run, in letters only: text the portal accepts may not hold a 13-19 digit run that passes
 * the Luhn check (it reads as a card number and is refused), which a Date.now() stamp does one time in ten.
 */
export function runMarker(length = 10): string {
  return Array.from({ length }, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))).join('');
}
